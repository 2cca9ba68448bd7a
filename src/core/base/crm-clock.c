/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-clock"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-clock.h"
#include "crm-error.h"

/**
 * CrmClock:
 *
 * The only source of "now" in the core. Every time-based rule asks a
 * clock, so that tests and demos can fix or move time. The default
 * clock honours the `CRM_NOW` environment variable (an ISO 8601 time);
 * when it is set, time stands still at that moment.
 */
struct _CrmClock
{
  GObject    parent_instance;

  /* owned; NULL when following the wall clock */
  GDateTime *fixed;
};

G_DEFINE_FINAL_TYPE (CrmClock, crm_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FIXED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_clock_finalize (GObject *object)
{
  CrmClock *self = (CrmClock *)object;

  g_clear_pointer (&self->fixed, g_date_time_unref);

  G_OBJECT_CLASS (crm_clock_parent_class)->finalize (object);
}

static void
crm_clock_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CrmClock *self = CRM_CLOCK (object);

  switch (prop_id)
    {
    case PROP_FIXED:
      g_value_set_boolean (value, self->fixed != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_clock_class_init (CrmClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_clock_finalize;
  object_class->get_property = crm_clock_get_property;

  properties[PROP_FIXED] =
    g_param_spec_boolean ("fixed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_clock_init (CrmClock *self)
{
}

/**
 * crm_clock_parse_time:
 * @text: an ISO 8601 time; without an offset it is taken as UTC
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the time, or %NULL with @error set
 */
GDateTime *
crm_clock_parse_time (const char  *text,
                      GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *dt;

  g_return_val_if_fail (text != NULL, NULL);

  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    {
      g_autofree char *with_time = g_strconcat (text, "T00:00:00", NULL);

      dt = g_date_time_new_from_iso8601 (with_time, utc);
    }

  if (dt == NULL)
    g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                 /* Translators: %s is what the user typed */
                 _("“%s” is not a time: use ISO 8601, for example 2026-05-01T09:00:00Z."),
                 text);

  return dt;
}

/**
 * crm_clock_format_unix:
 * @unix_time: seconds since the epoch
 *
 * Returns: (transfer full): the time as ISO 8601 in UTC with its offset
 */
char *
crm_clock_format_unix (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  if (dt == NULL)
    return NULL;

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S+00:00");
}

/**
 * crm_clock_new:
 *
 * Returns: (transfer full): a clock following the wall clock
 */
CrmClock *
crm_clock_new (void)
{
  return g_object_new (CRM_TYPE_CLOCK, NULL);
}

/**
 * crm_clock_new_fixed:
 * @now: the moment the clock stands at
 *
 * Returns: (transfer full): a clock that stands still at @now
 */
CrmClock *
crm_clock_new_fixed (GDateTime *now)
{
  CrmClock *self = crm_clock_new ();

  crm_clock_set_fixed (self, now);

  return self;
}

/**
 * crm_clock_get_default:
 *
 * The process-wide clock. When `CRM_NOW` holds a valid time, it stands
 * at that time; an invalid value is reported once and ignored.
 *
 * Returns: (transfer none): the default clock
 */
CrmClock *
crm_clock_get_default (void)
{
  static gsize instance;

  if (g_once_init_enter (&instance))
    {
      CrmClock *clock = crm_clock_new ();
      const char *env = g_getenv ("CRM_NOW");

      if (env != NULL && *env != '\0')
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GDateTime) now = crm_clock_parse_time (env, &error);

          if (now != NULL)
            crm_clock_set_fixed (clock, now);
          else
            g_printerr ("CRM_NOW: %s\n", error->message);
        }

      g_once_init_leave (&instance, (gsize) clock);
    }

  return (CrmClock *) instance;
}

/**
 * crm_clock_now:
 * @self: a #CrmClock
 *
 * Returns: (transfer full): the current time in UTC
 */
GDateTime *
crm_clock_now (CrmClock *self)
{
  g_return_val_if_fail (CRM_IS_CLOCK (self), NULL);

  if (self->fixed != NULL)
    return g_date_time_ref (self->fixed);

  return g_date_time_new_now_utc ();
}

/**
 * crm_clock_now_unix:
 * @self: a #CrmClock
 *
 * Returns: the current time in seconds since the epoch
 */
gint64
crm_clock_now_unix (CrmClock *self)
{
  g_autoptr(GDateTime) now = crm_clock_now (self);

  return g_date_time_to_unix (now);
}

gboolean
crm_clock_is_fixed (CrmClock *self)
{
  g_return_val_if_fail (CRM_IS_CLOCK (self), FALSE);

  return self->fixed != NULL;
}

/**
 * crm_clock_set_fixed:
 * @self: a #CrmClock
 * @now: (nullable): the moment to stand at, or %NULL to follow the wall clock
 */
void
crm_clock_set_fixed (CrmClock  *self,
                     GDateTime *now)
{
  gboolean was_fixed;

  g_return_if_fail (CRM_IS_CLOCK (self));

  was_fixed = self->fixed != NULL;
  g_clear_pointer (&self->fixed, g_date_time_unref);
  if (now != NULL)
    self->fixed = g_date_time_to_utc (now);

  if (was_fixed != (self->fixed != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIXED]);
}

/**
 * crm_clock_advance:
 * @self: a fixed #CrmClock
 * @span: how far to move it
 */
void
crm_clock_advance (CrmClock  *self,
                   GTimeSpan  span)
{
  GDateTime *moved;

  g_return_if_fail (CRM_IS_CLOCK (self));
  g_return_if_fail (self->fixed != NULL);

  moved = g_date_time_add (self->fixed, span);
  g_date_time_unref (self->fixed);
  self->fixed = moved;
}
