/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-search-provider"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-search-provider.h"
#include "crm-window.h"

/**
 * CrmSearchProvider:
 *
 * The application's answers to GNOME Shell's overview
 * (org.gnome.Shell.SearchProvider2, data/dbus/): what the user types
 * there finds contacts by name, company, e-mail address or phone
 * number, and tickets by their number ("#1234" or "1234"); choosing one
 * opens it in the window, started if it was not running.
 *
 * Every answer is read on a worker (crm_session_read_async ()), never
 * on the main loop, and the application is held meanwhile: started by
 * the shell as a D-Bus service, it stays up while it answers, then
 * quits after GApplication's inactivity timeout. The database is the
 * one the application works on; when it is not open yet (started for
 * the overview alone), the desk's own file is opened, never created; a
 * team's server that is not connected yet answers nothing.
 *
 * Identifiers: "contact:ID" and "ticket:ID".
 */

#define OBJECT_PATH_SUFFIX "/SearchProvider"
#define MAX_CONTACTS 5
#define MAX_TERMS 8

struct _CrmSearchProvider
{
  GObject          parent_instance;

  CrmApplication  *application;   /* unowned: it owns us */
  guint            registration;
  GDBusConnection *connection;
};

G_DEFINE_FINAL_TYPE (CrmSearchProvider, crm_search_provider, G_TYPE_OBJECT)

typedef enum
{
  CALL_RESULTS,
  CALL_METAS,
} CallKind;

typedef struct
{
  CallKind   kind;
  char     **strv;   /* the terms, or the identifiers */
} Call;

static void
call_free (Call *call)
{
  g_strfreev (call->strv);
  g_free (call);
}

/* The number of a ticket typed as "#1234" or "1234", or 0. */
static gint64
ticket_number (const char *term)
{
  guint64 number = 0;

  if (*term == '#')
    term++;
  if (!g_ascii_string_to_unsigned (term, 10, 1, G_MAXINT64, &number, NULL))
    return 0;

  return (gint64) number;
}

/* Whether the terms together look like a phone number. */
static gboolean
looks_like_phone (const char *text)
{
  guint digits = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (!strchr ("+-() ./", *p))
        return FALSE;
    }

  return digits >= 6;
}

static void
add_contact_id (GPtrArray *results,
                gint64     id)
{
  g_autofree char *identifier = g_strdup_printf ("contact:%" G_GINT64_FORMAT, id);

  if (!g_ptr_array_find_with_equal_func (results, identifier, g_str_equal, NULL))
    g_ptr_array_add (results, g_steal_pointer (&identifier));
}

static gboolean
search (CrmSession   *reader,
        char        **terms,
        GPtrArray    *results,
        GError      **error)
{
  CrmContactStore *contacts = crm_contact_store_from_session (reader);
  CrmTicketStore *tickets = crm_ticket_store_from_session (reader);
  g_autofree char *text = g_strjoinv (" ", terms);
  g_autoptr(GArray) ids = NULL;
  CrmContactFilter filter = { text };

  g_strstrip (text);
  if (*text == '\0')
    return TRUE;

  /* a ticket's number */
  if (terms[0] != NULL && terms[1] == NULL && ticket_number (terms[0]) > 0)
    {
      g_autoptr(GError) missing = NULL;
      g_autoptr(CrmTicket) ticket = crm_ticket_store_get (tickets, ticket_number (terms[0]),
                                                          crm_session_get_user_id (reader), &missing);

      if (ticket != NULL)
        g_ptr_array_add (results, g_strdup_printf ("ticket:%" G_GINT64_FORMAT, crm_ticket_get_id (ticket)));
      else if (!g_error_matches (missing, CRM_ERROR, CRM_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&missing));
          return FALSE;
        }
    }

  /* a phone number written in any way */
  if (looks_like_phone (text))
    {
      g_autoptr(GError) invalid = NULL;
      g_autoptr(GListModel) owners = crm_contact_store_find_by_phone (contacts, text, &invalid);

      for (guint i = 0; owners != NULL && i < g_list_model_get_n_items (owners) && i < MAX_CONTACTS; i++)
        {
          g_autoptr(CrmContact) contact = g_list_model_get_item (owners, i);

          add_contact_id (results, crm_contact_get_id (contact));
        }
    }

  /* names, companies, addresses, tags: the address book's search */
  if (!(ids = crm_contact_store_select_ids (contacts, &filter, 0, MAX_CONTACTS, error)))
    return FALSE;
  for (guint i = 0; i < ids->len && results->len < MAX_CONTACTS + 1; i++)
    add_contact_id (results, g_array_index (ids, gint64, i));

  return TRUE;
}

static void
add_meta (GVariantBuilder *metas,
          const char      *identifier,
          const char      *name,
          const char      *description,
          const char      *icon_name)
{
  g_autoptr(GIcon) icon = g_themed_icon_new (icon_name);
  GVariantBuilder meta;

  g_variant_builder_init (&meta, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (identifier));
  g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (name));
  if (description != NULL && *description != '\0')
    g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
  g_variant_builder_add (&meta, "{sv}", "icon", g_icon_serialize (icon));
  g_variant_builder_add_value (metas, g_variant_builder_end (&meta));
}

/* "jan@example.com · +48 601 234 567 · Company" */
static char *
describe_contact (CrmContact *contact)
{
  const char * const *emails = crm_contact_get_emails (contact);
  const char * const *phones = crm_contact_get_phones (contact);
  const char *company = crm_contact_get_company_name (contact);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (emails != NULL && emails[0] != NULL)
    g_ptr_array_add (parts, (gpointer) emails[0]);
  if (phones != NULL && phones[0] != NULL)
    g_ptr_array_add (parts, (gpointer) phones[0]);
  if (company != NULL && *company != '\0')
    g_ptr_array_add (parts, (gpointer) company);
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static gboolean
parse_identifier (const char  *identifier,
                  const char **kind,
                  gint64      *id)
{
  const char *colon = strchr (identifier, ':');
  guint64 number = 0;

  if (colon == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 1, G_MAXINT64, &number, NULL))
    return FALSE;
  if (g_str_has_prefix (identifier, "contact:"))
    *kind = "contact";
  else if (g_str_has_prefix (identifier, "ticket:"))
    *kind = "ticket";
  else
    return FALSE;
  *id = (gint64) number;

  return TRUE;
}

static gboolean
metas (CrmSession       *reader,
       char            **identifiers,
       GVariantBuilder  *builder,
       GError          **error)
{
  for (guint i = 0; identifiers[i] != NULL; i++)
    {
      g_autoptr(GError) missing = NULL;
      const char *kind = NULL;
      gint64 id = 0;

      if (!parse_identifier (identifiers[i], &kind, &id))
        continue;
      if (g_str_equal (kind, "contact"))
        {
          g_autoptr(CrmContact) contact = crm_contact_store_get (crm_contact_store_from_session (reader), id, &missing);
          g_autofree char *description = NULL;

          if (contact == NULL)
            goto gone;
          description = describe_contact (contact);
          add_meta (builder, identifiers[i], crm_contact_get_name (contact), description,
                    crm_contact_get_kind (contact) == CRM_CONTACT_COMPANY ? "system-users-symbolic"
                    : "avatar-default-symbolic");
        }
      else
        {
          g_autoptr(CrmTicket) ticket = crm_ticket_store_get (crm_ticket_store_from_session (reader), id,
                                                              crm_session_get_user_id (reader), &missing);
          g_autofree char *name = NULL;
          g_autofree char *description = NULL;

          if (ticket == NULL)
            goto gone;
          /* Translators: a ticket in GNOME Shell's search: its number and subject */
          name = g_strdup_printf (_("#%lld %s"), (long long) id, crm_ticket_get_subject (ticket));
          /* Translators: a ticket in GNOME Shell's search: its client, then its status */
          description = g_strdup_printf (_("%s · %s"), crm_ticket_get_client_label (ticket),
                                         crm_ticket_get_status (ticket));
          add_meta (builder, identifiers[i], name, description, "mail-unread-symbolic");
        }
      continue;

    gone:
      /* deleted meanwhile: no meta, the shell leaves it out */
      if (!g_error_matches (missing, CRM_ERROR, CRM_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&missing));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
read_func (CrmSession    *reader,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  Call *call = data;

  if (call->kind == CALL_RESULTS)
    {
      g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_free);

      if (!search (reader, call->strv, results, error))
        return FALSE;
      g_ptr_array_add (results, NULL);
      *result = g_variant_ref_sink (g_variant_new ("(^as)", (char **) results->pdata));
      return TRUE;
    }
  else
    {
      GVariantBuilder builder;

      g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
      if (!metas (reader, call->strv, &builder, error))
        {
          g_variant_builder_clear (&builder);
          return FALSE;
        }
      *result = g_variant_ref_sink (g_variant_new ("(aa{sv})", &builder));
      return TRUE;
    }
}

typedef struct
{
  CrmSearchProvider     *self;
  GDBusMethodInvocation *invocation;
} Pending;

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(GError) error = NULL;
  GVariant *answer = crm_session_read_finish (CRM_SESSION (object), result, &error);

  if (answer != NULL)
    g_dbus_method_invocation_return_value (pending->invocation, answer);
  else
    g_dbus_method_invocation_return_gerror (pending->invocation, error);
  g_application_release (G_APPLICATION (pending->self->application));
  g_object_unref (pending->self);
  g_free (pending);
}

static void
read_answer (CrmSearchProvider     *self,
             GDBusMethodInvocation *invocation,
             CallKind               kind,
             char                 **strv)
{
  /* the window's, or the desk's file opened for the overview alone */
  CrmSession *session = crm_application_open_for_search (self->application);
  Call *call;
  Pending *pending;

  if (session == NULL)
    {
      g_dbus_method_invocation_return_value (invocation, kind == CALL_RESULTS ? g_variant_new ("(as)", NULL)
                                             : g_variant_new ("(aa{sv})", NULL));
      g_strfreev (strv);
      return;
    }
  call = g_new0 (Call, 1);
  call->kind = kind;
  call->strv = strv;
  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->invocation = invocation;
  g_application_hold (G_APPLICATION (self->application));
  crm_session_read_async (session, read_func, call, (GDestroyNotify) call_free, (GDestroyNotify) g_variant_unref,
                          NULL, read_cb, pending);
}

/* At most MAX_TERMS terms, none empty. */
static char **
take_terms (GVariant *terms)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree const char **all = g_variant_get_strv (terms, NULL);

  for (guint i = 0, n = 0; all[i] != NULL && n < MAX_TERMS; i++)
    if (*all[i] != '\0')
      {
        g_strv_builder_add (builder, all[i]);
        n++;
      }

  return g_strv_builder_end (builder);
}

static CrmWindow *
present_window (CrmSearchProvider *self,
                guint32            timestamp)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self->application));
  window = gtk_application_get_active_window (GTK_APPLICATION (self->application));
  if (!CRM_IS_WINDOW (window))
    return NULL;
  gtk_window_present_with_time (window, timestamp);

  return CRM_WINDOW (window);
}

static void
activate_result (CrmSearchProvider *self,
                 const char        *identifier,
                 guint32            timestamp)
{
  CrmWindow *window = present_window (self, timestamp);
  const char *kind = NULL;
  gint64 id = 0;

  if (window == NULL || !parse_identifier (identifier, &kind, &id))
    return;
  if (g_str_equal (kind, "ticket"))
    crm_window_show_ticket (window, id);
  else
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-contact", "x", id);
}

static void
launch_search (CrmSearchProvider *self,
               char             **terms,
               guint32            timestamp)
{
  CrmWindow *window = present_window (self, timestamp);
  g_autofree char *text = g_strjoinv (" ", terms);

  if (window != NULL)
    crm_window_search_contacts (window, text);
}

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *object_path,
             const char            *interface_name,
             const char            *method_name,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  CrmSearchProvider *self = user_data;

  if (g_str_equal (method_name, "GetInitialResultSet"))
    {
      g_autoptr(GVariant) terms = g_variant_get_child_value (parameters, 0);

      read_answer (self, invocation, CALL_RESULTS, take_terms (terms));
    }
  else if (g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      g_autoptr(GVariant) terms = g_variant_get_child_value (parameters, 1);

      /* searched again: a narrower search finds what the wider one
       * could not show (it lists a few of many) */
      read_answer (self, invocation, CALL_RESULTS, take_terms (terms));
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    {
      g_autoptr(GVariant) identifiers = g_variant_get_child_value (parameters, 0);

      read_answer (self, invocation, CALL_METAS, g_variant_dup_strv (identifiers, NULL));
    }
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      const char *identifier = NULL;
      guint32 timestamp = 0;

      g_variant_get (parameters, "(&sasu)", &identifier, NULL, &timestamp);
      activate_result (self, identifier, timestamp);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      g_autoptr(GVariant) terms_variant = g_variant_get_child_value (parameters, 0);
      g_auto(GStrv) terms = take_terms (terms_variant);
      guint32 timestamp = 0;

      g_variant_get_child (parameters, 1, "u", &timestamp);
      launch_search (self, terms, timestamp);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "%s", method_name);
}

static void
crm_search_provider_dispose (GObject *object)
{
  CrmSearchProvider *self = CRM_SEARCH_PROVIDER (object);

  crm_search_provider_unregister (self);

  G_OBJECT_CLASS (crm_search_provider_parent_class)->dispose (object);
}

static void
crm_search_provider_class_init (CrmSearchProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_search_provider_dispose;
}

static void
crm_search_provider_init (CrmSearchProvider *self)
{
}

/**
 * crm_search_provider_new:
 * @application: the application, which keeps the provider
 *
 * Returns: (transfer full): a provider, not yet on the bus
 */
CrmSearchProvider *
crm_search_provider_new (CrmApplication *application)
{
  CrmSearchProvider *self = g_object_new (CRM_TYPE_SEARCH_PROVIDER, NULL);

  self->application = application;

  return self;
}

/**
 * crm_search_provider_register:
 * @self: a #CrmSearchProvider
 * @connection: the application's session bus connection
 * @object_path: the application's object path
 * @error: return location for a #GError
 *
 * Puts the provider on the bus, at @object_path/SearchProvider (the
 * path data/org.example.Crm.search-provider.ini gives the shell).
 *
 * Returns: %TRUE on success
 */
gboolean
crm_search_provider_register (CrmSearchProvider  *self,
                              GDBusConnection    *connection,
                              const char         *object_path,
                              GError            **error)
{
  static const GDBusInterfaceVTable vtable = { method_call, NULL, NULL, { 0 } };
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (CRM_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (self->registration == 0, FALSE);

  if (!(xml = g_resources_lookup_data ("/org/example/Crm/dbus/org.gnome.Shell.SearchProvider2.xml",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, error)) ||
      !(node = g_dbus_node_info_new_for_xml (g_bytes_get_data (xml, NULL), error)))
    return FALSE;
  path = g_strconcat (object_path, OBJECT_PATH_SUFFIX, NULL);
  self->registration = g_dbus_connection_register_object (connection, path, node->interfaces[0], &vtable, self, NULL,
                                                          error);
  if (self->registration == 0)
    return FALSE;
  self->connection = g_object_ref (connection);

  return TRUE;
}

/**
 * crm_search_provider_unregister:
 * @self: a #CrmSearchProvider
 *
 * Takes the provider off the bus, if it is on it.
 */
void
crm_search_provider_unregister (CrmSearchProvider *self)
{
  g_return_if_fail (CRM_IS_SEARCH_PROVIDER (self));

  if (self->registration != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration);
  self->registration = 0;
  g_clear_object (&self->connection);
}
