#ifndef TRUEUP_CXLSXWRITER_SHIM_H
#define TRUEUP_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
