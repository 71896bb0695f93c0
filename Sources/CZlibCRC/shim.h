#ifndef TRUEUP_CZLIBCRC_SHIM_H
#define TRUEUP_CZLIBCRC_SHIM_H
#include <zlib.h>
#endif
