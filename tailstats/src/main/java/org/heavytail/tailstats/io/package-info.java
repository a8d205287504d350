/**
 * Array files in and out: the NumPy {@code .npy} format (versions 1.0, 2.0 and 3.0 read; 1.0 or
 * 2.0 written) for little-endian float32/float64 arrays in C order, a memory-mapped reader for
 * files of any size, and a reader for one numeric column of a CSV file.
 *
 * <p>Format reference: NumPy Enhancement Proposal 1, "A simple file format for NumPy arrays",
 * and {@code numpy/lib/format.py}: magic {@code \x93NUMPY}, version bytes, a little-endian
 * header length (uint16 in 1.0, uint32 in 2.0/3.0), an ASCII Python-literal dict with keys
 * {@code descr}, {@code fortran_order} and {@code shape}, padded with spaces and ended by
 * {@code \n} so that the data starts at a multiple of 64 bytes.
 */
package org.heavytail.tailstats.io;
