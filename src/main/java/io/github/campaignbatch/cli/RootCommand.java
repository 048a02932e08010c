package io.github.campaignbatch.cli;

import io.github.campaignbatch.simulator.SimulatorCommand;
import picocli.CommandLine.Command;

/**
 * {@code campaign-batch}: the commands.
 */
@Command(name = "campaign-batch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
		description = "Schedules ThingSpace FOTA file-upgrade campaigns in bulk from CSV or XLSX spreadsheets.",
		subcommands = { ValidateCommand.class, RunCommand.class, ScheduleCommand.class, RestartCommand.class, StatusCommand.class,
				ReportCommand.class, TrackCommand.class, CancelCommand.class, AmendCommand.class, RolloutCommand.class, TemplateCommand.class, PruneCommand.class, SimulatorCommand.class },
		footer = { "", "Exit codes: 0 all devices planned/scheduled, 1 job failed (restartable),",
				"2 usage error or unreadable input, 3 some devices rejected,",
				"4 another process runs this input or has the H2 job database open,",
				"5 campaigns still in doubt: run again after the time the error line gives." })
class RootCommand implements Runnable {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		throw new picocli.CommandLine.ParameterException(this.spec.commandLine(), "a command is required");
	}
}
