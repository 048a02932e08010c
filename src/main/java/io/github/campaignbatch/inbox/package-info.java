/**
 * The scheduled inbox: which files in a folder are ready, claiming one atomically so that of several instances
 * only one processes it, and moving it with its report or error note to {@code done/} or {@code failed/}.
 * Plain Java on {@link java.nio.file.Files}; it knows nothing of the job or the command line.
 */
package io.github.campaignbatch.inbox;
