package io.github.campaignbatch.job;

import java.util.ArrayList;
import java.util.List;

import io.github.campaignbatch.input.InputRow;
import io.github.campaignbatch.validation.DeviceEntry;
import io.github.campaignbatch.validation.RowValidator;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The load step's processor: validates each row, and at the end of the step keeps the validator's warnings
 * (campaigns spanning a daylight-saving change) in the step's context, where the summary of this run and of any
 * restart finds them ({@link CampaignJobConfiguration#LOAD_WARNINGS}). A class of its own: a step-scoped bean declared
 * as the bare {@code ItemProcessor} interface makes Spring Batch warn at every start that it cannot look for listener
 * annotations on it, a line every {@code --verbose} command printed. Not final: the step scope proxies it.
 */
public class RowValidation implements ItemProcessor<InputRow, List<DeviceEntry>>, StepExecutionListener {

	private final RowValidator validator;

	public RowValidation(RowValidator validator) {
		this.validator = validator;
	}

	@Override
	public List<DeviceEntry> process(InputRow row) {
		return this.validator.validate(row);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		stepExecution.getExecutionContext().put(CampaignJobConfiguration.LOAD_WARNINGS,
				new ArrayList<>(this.validator.warnings()));
		return null;
	}
}
