/**
 * How the starter answers in JSON: one writer for its bodies and RFC 9457 problems, and
 * one decision whether a request wants JSON.
 */
@NullMarked
package io.github.authstarter.http;

import org.jspecify.annotations.NullMarked;
