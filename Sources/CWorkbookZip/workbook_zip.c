// report.xlsx's zip members at deflate level 1 instead of zlib's default 6.
//
// libxlsxwriter packs each member through minizip's zipOpenNewFileInZip4_64 and asks for
// Z_DEFAULT_COMPRESSION, with no option to ask for another level. On the 19.2M-row benchmark
// book its worksheets are 12 MB of XML: level 6 took about four times as long as level 1
// (zlib's own figures agree), for a file a fifth smaller (2.1 MB against 2.7 MB), and that time
// was the last thing the report waited for. This definition comes before minizip's in the
// executable, so libxlsxwriter's calls land here; it changes the level of a default-level
// deflate member only and passes every other argument, and every other call, on unchanged.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include "workbook_zip.h"

#define TRUEUP_Z_DEFLATED 8
#define TRUEUP_Z_DEFAULT_COMPRESSION (-1)
#define TRUEUP_WORKBOOK_LEVEL 1

typedef int (*open_member)(void *file, const char *filename, const void *zipfi, const void *extrafield_local,
                           unsigned int size_extrafield_local, const void *extrafield_global,
                           unsigned int size_extrafield_global, const char *comment, int method, int level, int raw,
                           int window_bits, int mem_level, int strategy, const char *password,
                           unsigned long crc_for_crypting, unsigned long version_made_by, unsigned long flag_base,
                           int zip64);

int trueup_workbook_zip_level(void) { return TRUEUP_WORKBOOK_LEVEL; }

int zipOpenNewFileInZip4_64(void *file, const char *filename, const void *zipfi, const void *extrafield_local,
                            unsigned int size_extrafield_local, const void *extrafield_global,
                            unsigned int size_extrafield_global, const char *comment, int method, int level, int raw,
                            int window_bits, int mem_level, int strategy, const char *password,
                            unsigned long crc_for_crypting, unsigned long version_made_by, unsigned long flag_base,
                            int zip64) {
    static open_member found = NULL;
    open_member minizip = __atomic_load_n(&found, __ATOMIC_ACQUIRE);
    if (minizip == NULL) {
        minizip = (open_member)dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
        if (minizip == NULL) return -104; // ZIP_INTERNALERROR: minizip is not loaded
        __atomic_store_n(&found, minizip, __ATOMIC_RELEASE);
    }
    if (method == TRUEUP_Z_DEFLATED && level == TRUEUP_Z_DEFAULT_COMPRESSION) level = TRUEUP_WORKBOOK_LEVEL;
    return minizip(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                   size_extrafield_global, comment, method, level, raw, window_bits, mem_level, strategy, password,
                   crc_for_crypting, version_made_by, flag_base, zip64);
}
