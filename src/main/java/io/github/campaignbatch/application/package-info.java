/**
 * The application the commands work with, and the services they call.
 *
 * <p>{@link io.github.campaignbatch.application.Application}: the started Spring context, the job database lock it
 * holds, the in-process simulator it talks to and where its runs send, with typed accessors; the one class that
 * fetches beans from the context. {@link io.github.campaignbatch.application.ApplicationFactory} starts it: for the
 * real API, a dry run, a simulated run, or the simulator on its state file (the API of a simulated execution); the one
 * close-on-failure path. {@link io.github.campaignbatch.application.JobDatabaseEnvironment} prepares the job
 * database's settings in every Spring application (the command line's and a test's); the database lock is taken after
 * it and before the database opens, and let go only after the context is closed ({@code SpringContexts}).
 *
 * <p>The services, found by name: {@link io.github.campaignbatch.application.JobRuns} runs and restarts the job and,
 * through {@link io.github.campaignbatch.application.RunReporter}, prints its summary and decides its exit code
 * ({@link io.github.campaignbatch.application.ExitCodes}); {@link io.github.campaignbatch.application.Tracking} and
 * {@link io.github.campaignbatch.application.ScheduleTracking} track scheduled campaigns,
 * {@link io.github.campaignbatch.application.Cancelling} cancels them;
 * {@link io.github.campaignbatch.application.ExecutionStatus} shows one execution;
 * {@link io.github.campaignbatch.application.ScheduleRules} and {@link io.github.campaignbatch.application.CronTicks}
 * hold the {@code schedule} service's decisions and its wait for the next tick.
 */
package io.github.campaignbatch.application;
