#ifndef TRUEUP_WORKBOOK_ZIP_H
#define TRUEUP_WORKBOOK_ZIP_H
/// The deflate level report.xlsx's members are packed at (see workbook_zip.c); 1, zlib's fastest.
int trueup_workbook_zip_level(void);
#endif
