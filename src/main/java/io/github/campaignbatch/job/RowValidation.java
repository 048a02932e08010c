package io.github.campaignbatch.job;

import java.util.List;

import io.github.campaignbatch.input.InputRow;
import io.github.campaignbatch.validation.DeviceEntry;
import io.github.campaignbatch.validation.RowValidator;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The load step's processor: the row validator, as a class of its own. A step-scoped bean declared as the bare
 * {@code ItemProcessor} interface makes Spring Batch warn at every start that it cannot look for listener
 * annotations on it, a line every {@code --verbose} command printed. Not final: the step scope proxies it.
 */
public class RowValidation implements ItemProcessor<InputRow, List<DeviceEntry>> {

	private final RowValidator validator;

	public RowValidation(RowValidator validator) {
		this.validator = validator;
	}

	@Override
	public List<DeviceEntry> process(InputRow row) {
		return this.validator.validate(row);
	}
}
