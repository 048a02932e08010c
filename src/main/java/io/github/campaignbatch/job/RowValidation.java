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
 * restart finds them ({@link CampaignJobConfiguration#LOAD_WARNINGS}).
 */
class RowValidation implements ItemProcessor<InputRow, List<DeviceEntry>>, StepExecutionListener {

	private final RowValidator validator;

	RowValidation(RowValidator validator) {
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
