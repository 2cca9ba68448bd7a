/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm.h"
#include "crm-database-chooser.h"

/**
 * CrmDatabaseChooser:
 *
 * The first question of a new desktop: is the office's work kept on
 * this computer (a SQLite file, one desk), or on the office's server (a
 * PostgreSQL database the team shares, each person logging in as
 * themselves)? #CrmDatabaseChooser::chose says which: %NULL for this
 * computer, else the server's address (no password in it) with the
 * password typed, which the application keeps in the Secret Service.
 *
 * TLS is required for a server that is not this computer, with the
 * server's certificate checked against the system's authorities or the
 * office's own (verify-full).
 */
struct _CrmDatabaseChooser
{
  GtkWidget    parent_instance;

  AdwActionRow   *local_row;
  AdwExpanderRow *server_row;
  AdwEntryRow    *host_row;
  AdwEntryRow    *port_row;
  AdwEntryRow    *database_row;
  AdwEntryRow    *user_row;
  AdwEntryRow    *password_row;
  AdwEntryRow    *ca_row;
  GtkLabel       *error_label;
  GtkButton      *connect_button;
};

G_DEFINE_FINAL_TYPE (CrmDatabaseChooser, crm_database_chooser, GTK_TYPE_WIDGET)

enum {
  CHOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* the system's authorities, as Debian keeps them */
#define SYSTEM_CAS "/etc/ssl/certs/ca-certificates.crt"

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
is_loopback (const char *host)
{
  return g_str_equal (host, "localhost") || g_str_has_prefix (host, "127.") || g_str_equal (host, "::1") ||
         host[0] == '/';
}

/**
 * crm_database_chooser_dup_uri:
 * @self: a #CrmDatabaseChooser
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the server's address as the fields give it,
 *   or %NULL with @error set (a field missing or wrong)
 */
char *
crm_database_chooser_dup_uri (CrmDatabaseChooser  *self,
                              GError             **error)
{
  g_autofree char *host = g_strstrip (g_strdup (text_of (self->host_row)));
  g_autofree char *database = g_strstrip (g_strdup (text_of (self->database_row)));
  g_autofree char *user = g_strstrip (g_strdup (text_of (self->user_row)));
  g_autofree char *ca = g_strstrip (g_strdup (text_of (self->ca_row)));
  g_autofree char *escaped_host = NULL;
  g_autofree char *escaped_database = NULL;
  g_autofree char *escaped_user = NULL;
  g_autofree char *tls = NULL;
  guint64 port = 0;

  if (*host == '\0' || *database == '\0' || *user == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Enter the server, the database and your login: the office’s administrator has them."));
      return NULL;
    }
  if (!g_ascii_string_to_unsigned (text_of (self->port_row), 10, 1, 65535, &port, NULL))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("The port is a number from 1 to 65535."));
      return NULL;
    }
  if (*ca != '\0' && !g_file_test (ca, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("There is no certificate file “%s”."), ca);
      return NULL;
    }

  /* anything but this computer: TLS, the server's name checked */
  if (is_loopback (host))
    tls = g_strdup ("sslmode=prefer");
  else
    tls = g_strdup_printf ("sslmode=verify-full&sslrootcert=%s", *ca != '\0' ? ca : SYSTEM_CAS);

  escaped_host = g_uri_escape_string (host, ":[]", FALSE);
  escaped_database = g_uri_escape_string (database, NULL, FALSE);
  escaped_user = g_uri_escape_string (user, NULL, FALSE);

  return g_strdup_printf ("postgresql://%s@%s:%u/%s?%s", escaped_user, escaped_host, (guint) port, escaped_database,
                          tls);
}

/**
 * crm_database_chooser_show_error:
 * @self: a #CrmDatabaseChooser
 * @message: (nullable): why the server could not be used, or %NULL
 */
void
crm_database_chooser_show_error (CrmDatabaseChooser *self,
                                 const char         *message)
{
  g_return_if_fail (CRM_IS_DATABASE_CHOOSER (self));

  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/**
 * crm_database_chooser_set_busy:
 * @self: a #CrmDatabaseChooser
 * @busy: whether a connection is being tried
 *
 * While the server is tried, nothing else can be chosen.
 */
void
crm_database_chooser_set_busy (CrmDatabaseChooser *self,
                               gboolean            busy)
{
  g_return_if_fail (CRM_IS_DATABASE_CHOOSER (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->local_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), !busy);
  gtk_button_set_label (self->connect_button, busy ? _("Connecting…") : _("_Connect"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), !busy);
}

static void
local_activated_cb (CrmDatabaseChooser *self)
{
  g_signal_emit (self, signals[CHOSE], 0, NULL, NULL);
}

static void
field_changed_cb (CrmDatabaseChooser *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button),
                            *text_of (self->host_row) != '\0' && *text_of (self->database_row) != '\0' &&
                            *text_of (self->user_row) != '\0');
}

static void
connect_clicked_cb (CrmDatabaseChooser *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = crm_database_chooser_dup_uri (self, &error);

  if (uri == NULL)
    {
      crm_database_chooser_show_error (self, error->message);
      return;
    }
  crm_database_chooser_show_error (self, NULL);
  g_signal_emit (self, signals[CHOSE], 0, uri, text_of (self->password_row));
}

static void
crm_database_chooser_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_DATABASE_CHOOSER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (crm_database_chooser_parent_class)->dispose (object);
}

static void
crm_database_chooser_class_init (CrmDatabaseChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_database_chooser_dispose;

  /**
   * CrmDatabaseChooser::chose:
   * @self: the chooser
   * @uri: (nullable): the server's address, or %NULL for this computer
   * @password: (nullable): the password typed for the server
   */
  signals[CHOSE] = g_signal_new ("chose", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/setup/crm-database-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmDatabaseChooser, local_row);
  gtk_widget_class_bind_template_child (widget_class, CrmDatabaseChooser, server_row);
  gtk_widget_class_bind_template_child (widget_class, CrmDatabaseChooser, host_row);
  gtk_widget_class_bind_template_child (widget_class, CrmDatabaseChooser, port_row);
  gtk_widget_class_bind_template_child (widget_class, CrmDatabaseChooser, database_row);
  gtk_widget_class_bind_template_child (widget_class, CrmDatabaseChooser, user_row);
  gtk_widget_class_bind_template_child (widget_class, CrmDatabaseChooser, password_row);
  gtk_widget_class_bind_template_child (widget_class, CrmDatabaseChooser, ca_row);
  gtk_widget_class_bind_template_child (widget_class, CrmDatabaseChooser, error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmDatabaseChooser, connect_button);
  gtk_widget_class_bind_template_callback (widget_class, local_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_database_chooser_init (CrmDatabaseChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_database_chooser_new:
 *
 * Returns: (transfer floating): a new #CrmDatabaseChooser
 */
CrmDatabaseChooser *
crm_database_chooser_new (void)
{
  return g_object_new (CRM_TYPE_DATABASE_CHOOSER, NULL);
}
