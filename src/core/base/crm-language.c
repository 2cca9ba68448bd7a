/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-language"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-language.h"

/*
 * Mail to a client is written in the client's language, not in the
 * language of the agent who happens to send it (issue 10, defect 12).
 * gettext answers in the process's language only, and switching it
 * (LANGUAGE, uselocale) is neither thread-safe nor possible where the
 * system has no such locale. So the core reads the application's own
 * catalogues, the .mo files gettext would read, wherever the domain is
 * bound (LOCALEDIR, or the build tree in tests), once per language,
 * and looks strings up in them itself, plural forms included.
 *
 * xgettext knows these functions as keywords (po/meson.build), so the
 * strings looked up stay in the catalogue.
 */

#define MO_MAGIC         0x950412deU
#define MO_MAGIC_SWAPPED 0xde120495U

typedef struct
{
  GMappedFile *file;
  GHashTable  *strings;   /* msgid (with "context\004") -> translation, in file */
  GHashTable  *lengths;   /* the same keys -> translation length */
  char        *plural;    /* the Plural-Forms expression, or NULL */
  guint        nplurals;
} Catalogue;

static const char * const codes[] = { "pl", "ru", "hu", "en", NULL };

/* Each language's name in itself: the same in every interface. */
static const char * const names[] = { "Polski", "Русский", "Magyar", "English" };

static GMutex catalogues_lock;
static GHashTable *catalogues;   /* code -> Catalogue, or NULL when none */

/* Reading a .mo file */

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swapped)
{
  guint32 value;

  memcpy (&value, data + offset, sizeof value);

  return swapped ? GUINT32_SWAP_LE_BE (value) : value;
}

static void
parse_plural_forms (Catalogue  *catalogue,
                    const char *header)
{
  const char *forms = strstr (header, "Plural-Forms:");
  const char *nplurals;
  const char *plural;
  const char *end;

  if (forms == NULL)
    return;
  nplurals = strstr (forms, "nplurals=");
  plural = strstr (forms, "plural=");
  /* "nplurals=" contains "plural=": find the one after it */
  while (plural != NULL && plural > forms && plural[-1] == 'n')
    plural = strstr (plural + 1, "plural=");
  if (nplurals == NULL || plural == NULL)
    return;

  catalogue->nplurals = (guint) g_ascii_strtoull (nplurals + strlen ("nplurals="), NULL, 10);
  plural += strlen ("plural=");
  end = plural + strcspn (plural, ";\n");
  catalogue->plural = g_strndup (plural, end - plural);
}

static Catalogue *
catalogue_load (const char *code)
{
  const char *dir = bindtextdomain (GETTEXT_PACKAGE, NULL);
  g_autofree char *name = g_strconcat (GETTEXT_PACKAGE, ".mo", NULL);
  g_autofree char *path = g_build_filename (dir ? dir : LOCALEDIR, code, "LC_MESSAGES", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);
  const guint8 *data;
  gsize size;
  guint32 magic;
  guint32 n;
  guint32 originals;
  guint32 translations;
  gboolean swapped;
  Catalogue *catalogue;

  if (file == NULL)
    {
      g_debug ("no catalogue for %s: %s", code, error->message);
      return NULL;
    }

  data = (const guint8 *) g_mapped_file_get_contents (file);
  size = g_mapped_file_get_length (file);
  if (size < 28)
    return NULL;
  memcpy (&magic, data, sizeof magic);
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    {
      g_debug ("%s is not a catalogue", path);
      return NULL;
    }
  swapped = magic == MO_MAGIC_SWAPPED;
  n = read_u32 (data, 8, swapped);
  originals = read_u32 (data, 12, swapped);
  translations = read_u32 (data, 16, swapped);
  if ((guint64) originals + (guint64) n * 8 > size || (guint64) translations + (guint64) n * 8 > size)
    return NULL;

  catalogue = g_new0 (Catalogue, 1);
  catalogue->file = g_steal_pointer (&file);
  catalogue->strings = g_hash_table_new (g_str_hash, g_str_equal);
  catalogue->lengths = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint32 i = 0; i < n; i++)
    {
      guint32 original_length = read_u32 (data, originals + i * 8, swapped);
      guint32 original_offset = read_u32 (data, originals + i * 8 + 4, swapped);
      guint32 translation_length = read_u32 (data, translations + i * 8, swapped);
      guint32 translation_offset = read_u32 (data, translations + i * 8 + 4, swapped);
      const char *original;
      const char *translation;

      /* strings end in NUL, past their length */
      if ((guint64) original_offset + original_length >= size ||
          (guint64) translation_offset + translation_length >= size)
        continue;
      original = (const char *) data + original_offset;
      translation = (const char *) data + translation_offset;
      if (*original == '\0')
        {
          parse_plural_forms (catalogue, translation);
          continue;
        }
      /* a plural entry is keyed by its singular */
      g_hash_table_insert (catalogue->strings, (gpointer) original, (gpointer) translation);
      g_hash_table_insert (catalogue->lengths, (gpointer) original, GSIZE_TO_POINTER (translation_length));
    }

  return catalogue;
}

static Catalogue *
catalogue_get (const char *code)
{
  Catalogue *catalogue;
  gpointer found;

  if (code == NULL || g_str_equal (code, "en"))
    return NULL;

  g_mutex_lock (&catalogues_lock);
  if (catalogues == NULL)
    catalogues = g_hash_table_new (g_str_hash, g_str_equal);
  if (g_hash_table_lookup_extended (catalogues, code, NULL, &found))
    catalogue = found;
  else
    {
      catalogue = catalogue_load (code);
      g_hash_table_insert (catalogues, (gpointer) g_intern_string (code), catalogue);
    }
  g_mutex_unlock (&catalogues_lock);

  return catalogue;
}

/* Plural forms: the C expression of the catalogue's header, in n */

typedef struct
{
  const char *p;
  gulong      n;
  gboolean    failed;
} Expr;

static gulong parse_ternary (Expr *expr);

static void
skip_space (Expr *expr)
{
  while (g_ascii_isspace (*expr->p))
    expr->p++;
}

static gboolean
accept (Expr       *expr,
        const char *token)
{
  gsize len = strlen (token);

  skip_space (expr);
  if (strncmp (expr->p, token, len) != 0)
    return FALSE;
  /* "<" is not the start of "<=", "=" never stands alone */
  if (len == 1 && (token[0] == '<' || token[0] == '>' || token[0] == '!') && expr->p[1] == '=')
    return FALSE;
  expr->p += len;

  return TRUE;
}

static gulong
parse_primary (Expr *expr)
{
  skip_space (expr);
  if (accept (expr, "("))
    {
      gulong value = parse_ternary (expr);

      if (!accept (expr, ")"))
        expr->failed = TRUE;
      return value;
    }
  if (accept (expr, "!"))
    return !parse_primary (expr);
  if (*expr->p == 'n')
    {
      expr->p++;
      return expr->n;
    }
  if (g_ascii_isdigit (*expr->p))
    {
      char *end;
      gulong value = strtoul (expr->p, &end, 10);

      expr->p = end;
      return value;
    }

  expr->failed = TRUE;
  return 0;
}

static gulong
parse_product (Expr *expr)
{
  gulong value = parse_primary (expr);

  for (;;)
    {
      if (accept (expr, "*"))
        value *= parse_primary (expr);
      else if (accept (expr, "/") || accept (expr, "%"))
        {
          gboolean modulo = expr->p[-1] == '%';
          gulong right = parse_primary (expr);

          if (right == 0)
            {
              expr->failed = TRUE;
              return 0;
            }
          value = modulo ? value % right : value / right;
        }
      else
        return value;
    }
}

static gulong
parse_sum (Expr *expr)
{
  gulong value = parse_product (expr);

  for (;;)
    {
      if (accept (expr, "+"))
        value += parse_product (expr);
      else if (accept (expr, "-"))
        value -= parse_product (expr);
      else
        return value;
    }
}

static gulong
parse_comparison (Expr *expr)
{
  gulong value = parse_sum (expr);

  for (;;)
    {
      if (accept (expr, "<="))
        value = value <= parse_sum (expr);
      else if (accept (expr, ">="))
        value = value >= parse_sum (expr);
      else if (accept (expr, "<"))
        value = value < parse_sum (expr);
      else if (accept (expr, ">"))
        value = value > parse_sum (expr);
      else
        return value;
    }
}

static gulong
parse_equality (Expr *expr)
{
  gulong value = parse_comparison (expr);

  for (;;)
    {
      if (accept (expr, "=="))
        value = value == parse_comparison (expr);
      else if (accept (expr, "!="))
        value = value != parse_comparison (expr);
      else
        return value;
    }
}

static gulong
parse_and (Expr *expr)
{
  gulong value = parse_equality (expr);

  while (accept (expr, "&&"))
    {
      gulong right = parse_equality (expr);

      value = value && right;
    }

  return value;
}

static gulong
parse_or (Expr *expr)
{
  gulong value = parse_and (expr);

  while (accept (expr, "||"))
    {
      gulong right = parse_and (expr);

      value = value || right;
    }

  return value;
}

static gulong
parse_ternary (Expr *expr)
{
  gulong condition = parse_or (expr);
  gulong yes;
  gulong no;

  if (!accept (expr, "?"))
    return condition;
  yes = parse_ternary (expr);
  if (!accept (expr, ":"))
    {
      expr->failed = TRUE;
      return 0;
    }
  no = parse_ternary (expr);

  return condition ? yes : no;
}

/* Which plural form @n takes; the Germanic rule without a catalogue. */
static guint
plural_form (Catalogue *catalogue,
             gulong     n)
{
  Expr expr = { NULL, n, FALSE };
  gulong form;

  if (catalogue == NULL || catalogue->plural == NULL)
    return n != 1;

  expr.p = catalogue->plural;
  form = parse_ternary (&expr);
  skip_space (&expr);
  if (expr.failed || *expr.p != '\0' || form >= MAX (catalogue->nplurals, 1))
    return n != 1;

  return (guint) form;
}

static const char *
lookup (Catalogue  *catalogue,
        const char *key,
        gsize      *length)
{
  const char *translation;

  if (catalogue == NULL)
    return NULL;
  translation = g_hash_table_lookup (catalogue->strings, key);
  if (translation == NULL || *translation == '\0')
    return NULL;
  *length = GPOINTER_TO_SIZE (g_hash_table_lookup (catalogue->lengths, key));

  return translation;
}

/* Public API */

/**
 * crm_language_get_codes:
 *
 * Returns: (transfer none): the languages mail to clients can be
 *   written in, as ISO 639-1 codes: "pl", "ru", "hu", "en"
 */
const char * const *
crm_language_get_codes (void)
{
  return codes;
}

/**
 * crm_language_is_known:
 * @code: (nullable): a language code
 *
 * Returns: whether mail can be written in @code
 */
gboolean
crm_language_is_known (const char *code)
{
  return code != NULL && g_strv_contains (codes, code);
}

/**
 * crm_language_get_name:
 * @code: a language code
 *
 * Returns: (nullable): the language's name in itself ("Polski"), or
 *   %NULL for an unknown code
 */
const char *
crm_language_get_name (const char *code)
{
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (code, codes[i]) == 0)
      return names[i];

  return NULL;
}

/**
 * crm_language_gettext:
 * @language: (nullable): a language code; %NULL for the user's own
 * @msgid: an English text of the application's catalogue
 *
 * Returns: @msgid in @language, or @msgid itself when it has no
 *   translation there
 */
const char *
crm_language_gettext (const char *language,
                      const char *msgid)
{
  const char *translation;
  gsize length;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (language == NULL)
    return g_dgettext (GETTEXT_PACKAGE, msgid);
  translation = lookup (catalogue_get (language), msgid, &length);

  return translation != NULL ? translation : msgid;
}

/**
 * crm_language_ngettext:
 * @language: (nullable): a language code; %NULL for the user's own
 * @msgid: the English singular
 * @msgid_plural: the English plural
 * @n: the number the text is about
 *
 * Returns: the form of @msgid for @n in @language's plural rules
 */
const char *
crm_language_ngettext (const char *language,
                       const char *msgid,
                       const char *msgid_plural,
                       gulong      n)
{
  Catalogue *catalogue;
  const char *translation;
  gsize length;
  guint form;

  g_return_val_if_fail (msgid != NULL, NULL);
  g_return_val_if_fail (msgid_plural != NULL, NULL);

  if (language == NULL)
    return g_dngettext (GETTEXT_PACKAGE, msgid, msgid_plural, n);
  catalogue = catalogue_get (language);
  translation = lookup (catalogue, msgid, &length);
  if (translation == NULL)
    return n == 1 ? msgid : msgid_plural;

  /* the forms follow one another, each ending in NUL */
  form = plural_form (catalogue, n);
  for (const char *p = translation; p < translation + length; p += strlen (p) + 1)
    if (form-- == 0)
      return p;

  return translation;
}

/**
 * crm_language_pgettext:
 * @language: (nullable): a language code; %NULL for the user's own
 * @context: the message's context, as in C_()
 * @msgid: the English text
 *
 * Returns: @msgid in @context, in @language
 */
const char *
crm_language_pgettext (const char *language,
                       const char *context,
                       const char *msgid)
{
  g_autofree char *key = NULL;
  const char *translation;
  gsize length;

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (msgid != NULL, NULL);

  if (language == NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, context, msgid);
  key = g_strconcat (context, "\004", msgid, NULL);
  translation = lookup (catalogue_get (language), key, &length);

  return translation != NULL ? translation : msgid;
}
