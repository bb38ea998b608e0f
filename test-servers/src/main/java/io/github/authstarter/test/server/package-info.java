/**
 * Real servers for tests, started as local processes or in this JVM: an OpenID Provider,
 * Redis (single, Cluster, Sentinel), application instances and a headless browser.
 */
package io.github.authstarter.test.server;
