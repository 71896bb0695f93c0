#ifndef TRUEUP_CMEMORYFILE_SHIM_H
#define TRUEUP_CMEMORYFILE_SHIM_H
// A file that lives in memory only (Linux's memfd_create): no name in any folder, gone with its
// last descriptor. Declared here because the C library's header shows it only under _GNU_SOURCE.
#ifdef __linux__
extern int memfd_create(const char *name, unsigned int flags);
static inline int trueup_memory_file(const char *name) { return memfd_create(name, 1U /* MFD_CLOEXEC */); }
#else
static inline int trueup_memory_file(const char *name) { (void)name; return -1; }
#endif
#endif
