package io.github.campaignbatch.preflight;

import java.util.Collection;

/**
 * Told which files a run needs just before the account's available files are read. The in-process simulator of
 * {@code run --simulate} registers one to upload them, so trying one's own file "safely" is not refused.
 */
@FunctionalInterface
public interface RequiredFilesListener {

	void beforeReadingAvailableFiles(Collection<RequiredFile> files);
}
