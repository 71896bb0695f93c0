#ifndef TRUEUP_CCRYPTO_SHIM_H
#define TRUEUP_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#endif
