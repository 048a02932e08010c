/**
 * A faithful in-process simulator of the ThingSpace API subset the job uses, on the JDK HTTP server, for the demo and end-to-end tests.
 */
package io.github.campaignbatch.simulator;
