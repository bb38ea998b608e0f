/**
 * The sample application: every feature of the starter on a few pages.
 */
package com.example.sample;
