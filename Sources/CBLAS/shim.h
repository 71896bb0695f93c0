#ifndef TRUEUP_CBLAS_SHIM_H
#define TRUEUP_CBLAS_SHIM_H
#include <cblas.h>
#endif
