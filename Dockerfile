# campaign-batch as a container image: a JRE 17 base, Spring Boot's layered jar extracted into one image layer per
# Boot layer (dependencies change rarely, the application often), a non-root user. Build the jar first:
#   mvn -B -DskipTests package && docker build -t campaign-batch:0.1.0 .
# Run a command (the entrypoint is the CLI):
#   docker run --rm campaign-batch:0.1.0 --help
#   docker run --rm -v "$PWD/inbox:/inbox" --env-file campaign-batch.env campaign-batch:0.1.0 \
#     schedule --inbox /inbox --once --account ACC
# deploy/README.md says what was and was not checked of this file where it was written (no Docker daemon there).

FROM eclipse-temurin:17-jre AS extract
WORKDIR /build
COPY target/campaign-batch.jar campaign-batch.jar
# Boot's tools jar mode splits the jar into its layers: dependencies/, spring-boot-loader/, snapshot-dependencies/
# and application/ (the application's own jar, whose manifest lists the libraries under lib/).
RUN java -Djarmode=tools -jar campaign-batch.jar extract --layers --destination extracted

FROM eclipse-temurin:17-jre
# The same uid as deploy/kubernetes/cronjob.yaml's runAsUser; its home holds the data directory
# (campaign.data-dir, ${user.home}/.campaign-batch) and, the working directory being the home too, the default H2
# database when PostgreSQL is not configured.
RUN groupadd --system --gid 10001 campaign-batch \
    && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/campaign-batch --create-home \
       --shell /usr/sbin/nologin campaign-batch \
    && install -d -o campaign-batch -g campaign-batch /inbox
WORKDIR /app
COPY --from=extract /build/extracted/dependencies/ ./
COPY --from=extract /build/extracted/spring-boot-loader/ ./
COPY --from=extract /build/extracted/snapshot-dependencies/ ./
COPY --from=extract /build/extracted/application/ ./
USER 10001:10001
ENV HOME=/var/lib/campaign-batch
WORKDIR /var/lib/campaign-batch
# -Xmx256m: docs/operations.md (Memory) states the heap the job needs whatever the input's size (the job streams its
# input and stages it on disk; BENCHMARKS.md has the measured peaks); with DuckDB's native memory and the JVM's own,
# allow up to about 800 MB of RSS (1 GiB for a container). The exec form keeps java as PID 1, so SIGTERM reaches the job's graceful stop.
ENTRYPOINT ["java", "-Xmx256m", "-jar", "/app/campaign-batch.jar"]
CMD ["--help"]
