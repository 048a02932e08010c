package io.github.campaignbatch.cli;

import picocli.CommandLine.IVersionProvider;

class VersionProvider implements IVersionProvider {

	@Override
	public String[] getVersion() {
		String version = Main.class.getPackage().getImplementationVersion();
		return new String[] { "campaign-batch " + (version == null ? "(development build)" : version) };
	}
}
