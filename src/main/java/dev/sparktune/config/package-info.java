/**
 * Reads HOCON (reference.conf defaults, the tuning file, command-line overrides) into the validated
 * {@link dev.sparktune.config.Settings} records, reporting every problem as one line that names the
 * file, line and key. Only this package reads Typesafe Config; everything else receives records.
 */
package dev.sparktune.config;
