package io.github.campaignbatch.staging;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how device entries are staged ({@code campaign.staging.*}).
 *
 * @param directory one DuckDB file per job instance lives here; {@code <campaign.data-dir>/staging} by default
 * (set in {@code application.properties})
 * @param memoryLimit DuckDB's own memory (outside the Java heap) before it spills to {@code directory/tmp}
 * @param threads DuckDB's worker threads
 */
@ConfigurationProperties("campaign.staging")
public record StagingSettings(Path directory, @DefaultValue("256MB") String memoryLimit, @DefaultValue("2") int threads) {
}
