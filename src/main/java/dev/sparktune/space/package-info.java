/**
 * The search space: typed params (float, int, categorical) with ranges, log scales, steps and
 * conditions, the assignments that give them values, and the unit cube that samplers search in.
 * Plain Java, the bottom layer: imports nothing else of sparktune.
 */
package dev.sparktune.space;
