#ifndef COMPLIANCE_AUDIT_CLIBXML2_SHIM_H
#define COMPLIANCE_AUDIT_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU; ICU's types then clash with Foundation's copy in a clean
   build ("'UErrorCode' has different definitions"). We never touch the ICU-dependent fields. */
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlIO.h>

/* xmlFree is a C global variable, which Swift 6 rejects as not concurrency-safe. */
static inline void clibxml2_free(void *pointer) { xmlFree(pointer); }

/* xmlSchemaSAXPlug rewrites the context's handler and user data in place; Swift cannot take
   the address of those two fields without a data race diagnostic, so the plug happens here. */
static inline xmlSchemaSAXPlugPtr clibxml2_plug_schema(xmlSchemaValidCtxtPtr validator,
                                                       xmlParserCtxtPtr parser) {
    return xmlSchemaSAXPlug(validator, &parser->sax, &parser->userData);
}

/* The parser's current input: line, column and the bytes just read, used to place
   diagnostics that libxml2 reports without a column (schema errors carry column 0). */
static inline const xmlChar *clibxml2_input_base(xmlParserCtxtPtr parser) {
    return parser->input ? parser->input->base : NULL;
}
static inline const xmlChar *clibxml2_input_cursor(xmlParserCtxtPtr parser) {
    return parser->input ? parser->input->cur : NULL;
}
static inline int clibxml2_input_line(xmlParserCtxtPtr parser) {
    return parser->input ? parser->input->line : 0;
}
static inline int clibxml2_input_column(xmlParserCtxtPtr parser) {
    return parser->input ? parser->input->col : 0;
}

#endif
