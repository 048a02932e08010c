package io.github.campaignbatch.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The files uploaded to the simulated ThingSpace, the same for every account. Files can be added while the
 * simulator serves ({@link SimulatorServer#makeAvailable}); readers see a consistent list.
 */
final class FileCatalogue {

	private List<UploadedFile> files;

	FileCatalogue(Collection<UploadedFile> initial) {
		this.files = List.copyOf(initial);
	}

	synchronized List<UploadedFile> all() {
		return this.files;
	}

	/** The file a schedule request names by name and version. */
	synchronized Optional<UploadedFile> find(String name, String version) {
		return this.files.stream().filter(file -> file.matches(name, version)).findFirst();
	}

	synchronized void add(Collection<UploadedFile> more) {
		List<UploadedFile> updated = new ArrayList<>(this.files);
		for (UploadedFile file : more) {
			boolean known = updated.stream()
					.anyMatch(existing -> existing.matches(file.fileName(), file.fileVersion())
							&& existing.distributionType().equals(file.distributionType()));
			if (!known) {
				updated.add(file);
			}
		}
		this.files = List.copyOf(updated);
	}
}
