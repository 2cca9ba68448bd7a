/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-contact-private.h"

/**
 * CrmContact:
 *
 * A person or a company the office works with (FD1). A contact read
 * from the store is a snapshot; to change it, edit a copy and save it
 * with crm_contact_store_save(), which validates and normalises.
 */
struct _CrmContact
{
  GObject         parent_instance;

  gint64          id;
  CrmContactKind  kind;
  char           *name;
  gint64          company_id;
  char           *company_name;
  gint64          manager_id;
  char           *manager_name;
  GStrv           emails;
  GStrv           phones;
  GStrv           tags;
  char           *note;
  char           *street;
  char           *postal_code;
  char           *city;
  char           *country;
  gint64          created;
  gint64          updated;
  gint64          version;   /* of the stored row it was read from */
};

G_DEFINE_FINAL_TYPE (CrmContact, crm_contact, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_NAME,
  PROP_COMPANY_ID,
  PROP_COMPANY_NAME,
  PROP_MANAGER_ID,
  PROP_MANAGER_NAME,
  PROP_EMAILS,
  PROP_PHONES,
  PROP_TAGS,
  PROP_NOTE,
  PROP_STREET,
  PROP_POSTAL_CODE,
  PROP_CITY,
  PROP_COUNTRY,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const empty_strv[] = { NULL };

static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

static gboolean
set_strv (GStrv              *field,
          const char * const *value)
{
  if (value != NULL && value[0] == NULL)
    value = NULL;

  if (*field == NULL && value == NULL)
    return FALSE;
  if (*field != NULL && value != NULL &&
      g_strv_equal ((const char * const *) *field, value))
    return FALSE;

  g_strfreev (*field);
  *field = g_strdupv ((char **) value);

  return TRUE;
}

static void
crm_contact_finalize (GObject *object)
{
  CrmContact *self = (CrmContact *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->company_name, g_free);
  g_clear_pointer (&self->manager_name, g_free);
  g_clear_pointer (&self->emails, g_strfreev);
  g_clear_pointer (&self->phones, g_strfreev);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->street, g_free);
  g_clear_pointer (&self->postal_code, g_free);
  g_clear_pointer (&self->city, g_free);
  g_clear_pointer (&self->country, g_free);

  G_OBJECT_CLASS (crm_contact_parent_class)->finalize (object);
}

static void
crm_contact_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CrmContact *self = CRM_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COMPANY_ID:
      g_value_set_int64 (value, self->company_id);
      break;

    case PROP_COMPANY_NAME:
      g_value_set_string (value, self->company_name);
      break;

    case PROP_MANAGER_ID:
      g_value_set_int64 (value, self->manager_id);
      break;

    case PROP_MANAGER_NAME:
      g_value_set_string (value, self->manager_name);
      break;

    case PROP_EMAILS:
      g_value_set_boxed (value, crm_contact_get_emails (self));
      break;

    case PROP_PHONES:
      g_value_set_boxed (value, crm_contact_get_phones (self));
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, crm_contact_get_tags (self));
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_STREET:
      g_value_set_string (value, self->street);
      break;

    case PROP_POSTAL_CODE:
      g_value_set_string (value, self->postal_code);
      break;

    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;

    case PROP_COUNTRY:
      g_value_set_string (value, self->country);
      break;

    case PROP_SUBTITLE:
      g_value_take_string (value, crm_contact_dup_subtitle (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_contact_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CrmContact *self = CRM_CONTACT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      crm_contact_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_NAME:
      crm_contact_set_name (self, g_value_get_string (value));
      break;

    case PROP_COMPANY_ID:
      crm_contact_set_company_id (self, g_value_get_int64 (value));
      break;

    case PROP_MANAGER_ID:
      crm_contact_set_manager_id (self, g_value_get_int64 (value));
      break;

    case PROP_EMAILS:
      crm_contact_set_emails (self, g_value_get_boxed (value));
      break;

    case PROP_PHONES:
      crm_contact_set_phones (self, g_value_get_boxed (value));
      break;

    case PROP_TAGS:
      crm_contact_set_tags (self, g_value_get_boxed (value));
      break;

    case PROP_NOTE:
      crm_contact_set_note (self, g_value_get_string (value));
      break;

    case PROP_STREET:
      crm_contact_set_street (self, g_value_get_string (value));
      break;

    case PROP_POSTAL_CODE:
      crm_contact_set_postal_code (self, g_value_get_string (value));
      break;

    case PROP_CITY:
      crm_contact_set_city (self, g_value_get_string (value));
      break;

    case PROP_COUNTRY:
      crm_contact_set_country (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_contact_class_init (CrmContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_contact_finalize;
  object_class->get_property = crm_contact_get_property;
  object_class->set_property = crm_contact_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, CRM_TYPE_CONTACT_KIND,
                                             CRM_CONTACT_PERSON, rw);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_COMPANY_ID] = g_param_spec_int64 ("company-id", NULL, NULL,
                                                    0, G_MAXINT64, 0, rw);
  properties[PROP_COMPANY_NAME] = g_param_spec_string ("company-name", NULL, NULL, NULL, ro);
  properties[PROP_MANAGER_ID] = g_param_spec_int64 ("manager-id", NULL, NULL,
                                                    0, G_MAXINT64, 0, rw);
  properties[PROP_MANAGER_NAME] = g_param_spec_string ("manager-name", NULL, NULL, NULL, ro);
  properties[PROP_EMAILS] = g_param_spec_boxed ("emails", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_PHONES] = g_param_spec_boxed ("phones", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, rw);
  properties[PROP_STREET] = g_param_spec_string ("street", NULL, NULL, NULL, rw);
  properties[PROP_POSTAL_CODE] = g_param_spec_string ("postal-code", NULL, NULL, NULL, rw);
  properties[PROP_CITY] = g_param_spec_string ("city", NULL, NULL, NULL, rw);
  properties[PROP_COUNTRY] = g_param_spec_string ("country", NULL, NULL, NULL, rw);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_contact_init (CrmContact *self)
{
}

CrmContact *
crm_contact_new (CrmContactKind kind)
{
  return g_object_new (CRM_TYPE_CONTACT, "kind", kind, NULL);
}

/**
 * crm_contact_copy:
 * @self: a #CrmContact
 *
 * Returns: (transfer full): an editable copy with the same id
 */
CrmContact *
crm_contact_copy (CrmContact *self)
{
  CrmContact *copy;

  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  copy = crm_contact_new (self->kind);
  copy->id = self->id;
  copy->name = g_strdup (self->name);
  copy->company_id = self->company_id;
  copy->company_name = g_strdup (self->company_name);
  copy->manager_id = self->manager_id;
  copy->manager_name = g_strdup (self->manager_name);
  copy->emails = g_strdupv (self->emails);
  copy->phones = g_strdupv (self->phones);
  copy->tags = g_strdupv (self->tags);
  copy->note = g_strdup (self->note);
  copy->street = g_strdup (self->street);
  copy->postal_code = g_strdup (self->postal_code);
  copy->city = g_strdup (self->city);
  copy->country = g_strdup (self->country);
  copy->created = self->created;
  copy->updated = self->updated;
  copy->version = self->version;

  return copy;
}

gint64
crm_contact_get_id (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), 0);

  return self->id;
}

CrmContactKind
crm_contact_get_kind (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), CRM_CONTACT_PERSON);

  return self->kind;
}

void
crm_contact_set_kind (CrmContact     *self,
                      CrmContactKind  kind)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
crm_contact_get_name (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->name;
}

void
crm_contact_set_name (CrmContact *self,
                      const char *name)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gint64
crm_contact_get_company_id (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), 0);

  return self->company_id;
}

void
crm_contact_set_company_id (CrmContact *self,
                            gint64      company_id)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (self->company_id == company_id)
    return;

  self->company_id = company_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPANY_ID]);
}

const char *
crm_contact_get_company_name (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->company_name;
}

gint64
crm_contact_get_manager_id (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), 0);

  return self->manager_id;
}

void
crm_contact_set_manager_id (CrmContact *self,
                            gint64      manager_id)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (self->manager_id == manager_id)
    return;

  self->manager_id = manager_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MANAGER_ID]);
}

const char *
crm_contact_get_manager_name (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->manager_name;
}

/**
 * crm_contact_get_emails:
 * @self: a #CrmContact
 *
 * Returns: (transfer none): the e-mail addresses, never %NULL
 */
const char * const *
crm_contact_get_emails (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), empty_strv);

  return self->emails ? (const char * const *) self->emails : empty_strv;
}

void
crm_contact_set_emails (CrmContact         *self,
                        const char * const *emails)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (set_strv (&self->emails, emails))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAILS]);
}

/**
 * crm_contact_get_phones:
 * @self: a #CrmContact
 *
 * Returns: (transfer none): the phone numbers as entered, never %NULL
 */
const char * const *
crm_contact_get_phones (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), empty_strv);

  return self->phones ? (const char * const *) self->phones : empty_strv;
}

void
crm_contact_set_phones (CrmContact         *self,
                        const char * const *phones)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (set_strv (&self->phones, phones))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONES]);
}

/**
 * crm_contact_get_tags:
 * @self: a #CrmContact
 *
 * Returns: (transfer none): the tags, never %NULL
 */
const char * const *
crm_contact_get_tags (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), empty_strv);

  return self->tags ? (const char * const *) self->tags : empty_strv;
}

void
crm_contact_set_tags (CrmContact         *self,
                      const char * const *tags)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (set_strv (&self->tags, tags))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

const char *
crm_contact_get_note (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->note;
}

void
crm_contact_set_note (CrmContact *self,
                      const char *note)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (set_str (&self->note, note))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

/* FD1: the postal address, each part %NULL when not known */

const char *
crm_contact_get_street (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->street;
}

void
crm_contact_set_street (CrmContact *self,
                        const char *street)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (set_str (&self->street, street))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREET]);
}

const char *
crm_contact_get_postal_code (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->postal_code;
}

void
crm_contact_set_postal_code (CrmContact *self,
                             const char *postal_code)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (set_str (&self->postal_code, postal_code))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSTAL_CODE]);
}

const char *
crm_contact_get_city (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->city;
}

void
crm_contact_set_city (CrmContact *self,
                      const char *city)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (set_str (&self->city, city))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CITY]);
}

const char *
crm_contact_get_country (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->country;
}

void
crm_contact_set_country (CrmContact *self,
                         const char *country)
{
  g_return_if_fail (CRM_IS_CONTACT (self));

  if (set_str (&self->country, country))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY]);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/**
 * crm_contact_dup_postal_address:
 * @self: a #CrmContact
 *
 * The postal address as it is written on an envelope: the street on
 * the first line, the postal code and city on the second, the country
 * on the third; lines with nothing known are left out.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL when no
 *   part of it is known
 */
char *
crm_contact_dup_postal_address (CrmContact *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  if (has_text (self->street))
    g_string_append (text, self->street);
  if (has_text (self->postal_code) || has_text (self->city))
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (has_text (self->postal_code))
        g_string_append (text, self->postal_code);
      if (has_text (self->postal_code) && has_text (self->city))
        g_string_append_c (text, ' ');
      if (has_text (self->city))
        g_string_append (text, self->city);
    }
  if (has_text (self->country))
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, self->country);
    }

  if (text->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

gint64
crm_contact_get_created (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), 0);

  return self->created;
}

gint64
crm_contact_get_updated (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), 0);

  return self->updated;
}

/**
 * crm_contact_dup_subtitle:
 * @self: a #CrmContact
 *
 * Returns: (transfer full): one line for lists: company and first e-mail
 */
char *
crm_contact_dup_subtitle (CrmContact *self)
{
  GString *line = g_string_new (NULL);

  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  if (self->company_name != NULL)
    g_string_append (line, self->company_name);
  if (self->emails != NULL && self->emails[0] != NULL)
    {
      if (line->len > 0)
        g_string_append (line, " · ");
      g_string_append (line, self->emails[0]);
    }
  else if (self->phones != NULL && self->phones[0] != NULL)
    {
      if (line->len > 0)
        g_string_append (line, " · ");
      g_string_append (line, self->phones[0]);
    }

  return g_string_free (line, FALSE);
}

void
_crm_contact_set_id (CrmContact *self,
                     gint64      id)
{
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
_crm_contact_set_company_name (CrmContact *self,
                               const char *company_name)
{
  set_str (&self->company_name, company_name);
}

void
_crm_contact_set_manager_name (CrmContact *self,
                               const char *manager_name)
{
  set_str (&self->manager_name, manager_name);
}

/**
 * crm_contact_get_version:
 * @self: a #CrmContact
 *
 * Returns: the version of the stored contact this was read from (each
 *   change makes a new one), or 0 for a new contact
 */
gint64
crm_contact_get_version (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), 0);

  return self->version;
}

void
_crm_contact_set_version (CrmContact *self,
                          gint64      version)
{
  self->version = version;
}

void
_crm_contact_set_times (CrmContact *self,
                        gint64      created,
                        gint64      updated)
{
  self->created = created;
  self->updated = updated;
}
