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

/* libxml2 prints some problems through its generic, printf-style error function (for example the
   schema validator's "Unimplemented block at xmlschemas.c:…"). Swift cannot implement a variadic
   C function, so this one only tells the parse that such a message came, never its text. The
   generic error function is per thread, like the structured one. */
typedef struct {
    void (*notify)(void *context);
    void *context;
} clibxml2_generic_error_sink;

static void clibxml2_generic_error(void *sink, const char *message, ...) {
    (void)message;
    clibxml2_generic_error_sink *target = (clibxml2_generic_error_sink *)sink;
    if (target && target->notify) target->notify(target->context);
}

static inline void clibxml2_set_generic_error_sink(clibxml2_generic_error_sink *sink) {
    if (sink) {
        xmlSetGenericErrorFunc(sink, clibxml2_generic_error);
    } else {
        xmlSetGenericErrorFunc(NULL, NULL);
    }
}

#endif
