package io.github.campaignbatch.support;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * A character device of the tests' own, for the "a device at the target is refused" cases: a null device node
 * (major 1, minor 3, what /dev/null is) made in a temporary folder. Never the machine's /dev/null: when the code
 * under test fails to refuse a device, as root it replaces the device it was given with a regular file, and a
 * regression must not take the machine's /dev/null with it (one did, on this project's machine, in a mutation run).
 * Making a device node needs root; elsewhere the case is skipped (the pipe and link cases still run).
 */
public final class NullDevices {

	private NullDevices() {
	}

	public static Path in(Path folder, String name) throws IOException, InterruptedException {
		Path device = folder.resolve(name);
		int exit = new ProcessBuilder("mknod", "-m", "666", device.toString(), "c", "1", "3").redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start()
			.waitFor();
		Assumptions.assumeTrue(exit == 0, "cannot make a device node here (needs root)");
		return device;
	}
}
