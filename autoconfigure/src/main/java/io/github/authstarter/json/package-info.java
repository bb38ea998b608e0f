/**
 * The starter's records as plain JSON (through Jackson), read strictly: a value of the
 * wrong type is an unreadable record, never a class chosen by what Redis holds.
 */
@NullMarked
package io.github.authstarter.json;

import org.jspecify.annotations.NullMarked;
