#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
// zlib, to read the gzip-compressed dataset in assets/ without a copy of it unpacked.
#include <zlib.h>
#endif
