package org.loyaltyrules.loyalty.examples.shop;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the rules come from ({@code rules.*} properties).
 *
 * @param dir a directory of {@code .drl} files and optional {@code campaigns.csv} and {@code tiers.csv}; null for the
 *     bundled default rules and no campaigns
 * @param includeDefaults whether the bundled rule files are loaded too (a file in {@code dir} with the
 *     name of a bundled file replaces it)
 * @param pollInterval how often the directory is checked for changes; zero turns polling off
 */
@ConfigurationProperties("rules")
record RulesProperties(
    Path dir, @DefaultValue("true") boolean includeDefaults, @DefaultValue("5s") Duration pollInterval) {}
