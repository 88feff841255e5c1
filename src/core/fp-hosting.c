/* fp-hosting.c: the hosting rules of docs/model.md, one table.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-hosting"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-hosting.h"

#define Y FP_HOSTING_YES
#define M FP_HOSTING_NAMED
#define O FP_HOSTING_IF_OFFERED
#define N FP_HOSTING_NO

/* Rows: site types in FpSiteType order. Columns: service classes in FpServiceClass order.
 * Why each column reads as it does is in docs/model.md ("Hosting"). "Other" gathers
 * buildings that are not general clinical space (residences, stores, shops, dialysis and
 * dental units), so it takes only more of what it already does, named or not. */
static const FpHosting rules[FP_N_SITE_TYPES][FP_N_SERVICE_CLASSES] = {
  /*                                    PC COM MH OP HT UC IMG AB CB MHB DSK */
  [FP_SITE_TYPE_ACUTE_HOSPITAL]       = { Y, Y, Y, M, M, M, M, M, O, O, Y },
  [FP_SITE_TYPE_COMMUNITY_HOSPITAL]   = { Y, Y, Y, M, O, O, O, O, M, O, Y },
  [FP_SITE_TYPE_MENTAL_HEALTH_UNIT]   = { N, Y, Y, N, N, N, N, N, O, M, Y },
  [FP_SITE_TYPE_HEALTH_CENTRE]        = { Y, Y, Y, M, O, O, O, N, N, N, Y },
  [FP_SITE_TYPE_GP_PRACTICE]          = { Y, Y, Y, N, N, O, N, N, N, N, Y },
  [FP_SITE_TYPE_GP_BRANCH]            = { Y, Y, Y, N, N, O, N, N, N, N, Y },
  [FP_SITE_TYPE_URGENT_CARE_CENTRE]   = { Y, Y, N, N, N, M, O, N, N, N, Y },
  [FP_SITE_TYPE_WALK_IN_CENTRE]       = { Y, Y, N, N, N, M, O, N, N, N, Y },
  [FP_SITE_TYPE_HUB]                  = { Y, Y, Y, M, O, O, O, N, N, N, Y },
  [FP_SITE_TYPE_OFFICE]               = { N, N, N, N, N, N, N, N, N, N, Y },
  [FP_SITE_TYPE_INDEPENDENT_HOSPITAL] = { Y, Y, Y, M, M, M, M, M, O, O, Y },
  [FP_SITE_TYPE_OTHER]                = { O, O, O, O, O, O, O, N, O, O, O },
};

#undef Y
#undef M
#undef O
#undef N

static const char * const class_names[FP_N_SERVICE_CLASSES] = {
  "primary_care", "community", "mental_health", "outpatient", "hospital_treatment",
  "urgent_care", "imaging", "acute_beds", "community_beds", "mental_health_beds", "desks",
};

static const char * const class_labels[FP_N_SERVICE_CLASSES] = {
  N_("Primary care"), N_("Community clinics"), N_("Mental health clinics"),
  N_("Hospital outpatients"), N_("Hospital treatment (A&E, day cases, dialysis)"),
  N_("Urgent care"), N_("Imaging"), N_("Acute beds"), N_("Community beds"),
  N_("Mental health beds"), N_("Desks"),
};

/* Plural, lower case, for "may go to …". */
static const char * const type_plurals[FP_N_SITE_TYPES] = {
  N_("acute hospitals"), N_("community hospitals"), N_("mental health units"),
  N_("health centres"), N_("GP practices"), N_("GP branch surgeries"),
  N_("urgent care centres"), N_("walk-in centres"), N_("hubs"), N_("offices"),
  N_("independent hospitals"), N_("other sites"),
};

/**
 * fp_service_class:
 * @setting: a service's setting
 * @room_type: its room type
 *
 * Returns: what the service needs of a building, which decides where it may go
 */
FpServiceClass
fp_service_class (FpSetting  setting,
                  FpRoomType room_type)
{
  switch (room_type)
    {
    case FP_ROOM_IMAGING:
      return FP_SERVICE_CLASS_IMAGING;
    case FP_ROOM_DESK:
      return FP_SERVICE_CLASS_DESKS;
    case FP_ROOM_BED:
      if (setting == FP_SETTING_ACUTE)
        return FP_SERVICE_CLASS_ACUTE_BEDS;
      if (setting == FP_SETTING_MENTAL_HEALTH)
        return FP_SERVICE_CLASS_MENTAL_HEALTH_BEDS;
      return FP_SERVICE_CLASS_COMMUNITY_BEDS;
    case FP_ROOM_CONSULT:
    case FP_ROOM_TREATMENT:
    case FP_ROOM_GROUP:
    case FP_N_ROOM_TYPES:
    default:
      break;
    }

  switch (setting)
    {
    case FP_SETTING_PRIMARY_CARE:
      return FP_SERVICE_CLASS_PRIMARY_CARE;
    case FP_SETTING_MENTAL_HEALTH:
      return FP_SERVICE_CLASS_MENTAL_HEALTH;
    case FP_SETTING_ACUTE:
      return room_type == FP_ROOM_TREATMENT ? FP_SERVICE_CLASS_HOSPITAL_TREATMENT
                                            : FP_SERVICE_CLASS_OUTPATIENT;
    case FP_SETTING_URGENT_CARE:
      return FP_SERVICE_CLASS_URGENT_CARE;
    case FP_SETTING_OFFICE:
      /* Office work in rooms (meetings, training) goes where desks go. */
      return FP_SERVICE_CLASS_DESKS;
    case FP_SETTING_COMMUNITY:
    case FP_N_SETTINGS:
    default:
      return FP_SERVICE_CLASS_COMMUNITY;
    }
}

const char *
fp_service_class_to_string (FpServiceClass service_class)
{
  g_return_val_if_fail ((guint) service_class < FP_N_SERVICE_CLASSES, NULL);
  return class_names[service_class];
}

const char *
fp_service_class_to_label (FpServiceClass service_class)
{
  g_return_val_if_fail ((guint) service_class < FP_N_SERVICE_CLASSES, NULL);
  return _(class_labels[service_class]);
}

/**
 * fp_hosting_rule:
 * @site_type: a site type
 * @service_class: what a service needs
 *
 * Returns: whether a site of the type may receive a service of the class (docs/model.md)
 */
FpHosting
fp_hosting_rule (FpSiteType     site_type,
                 FpServiceClass service_class)
{
  g_return_val_if_fail ((guint) site_type < FP_N_SITE_TYPES, FP_HOSTING_NO);
  g_return_val_if_fail ((guint) service_class < FP_N_SERVICE_CLASSES, FP_HOSTING_NO);
  return rules[site_type][service_class];
}

static void
append_list (GString   *out,
             GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == items->len ? _(" and ") : ", ");
      g_string_append (out, g_ptr_array_index (items, i));
    }
}

/**
 * fp_hosting_describe_where:
 * @service_class: what a service needs
 *
 * Returns: (transfer full): where a change may send a service of the class, from the table,
 *   e.g. "acute hospitals; or community hospitals, health centres and hubs that already
 *   offer it"
 */
char *
fp_hosting_describe_where (FpServiceClass service_class)
{
  g_autoptr(GPtrArray) yes = g_ptr_array_new ();
  g_autoptr(GPtrArray) offered = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  for (guint t = 0; t < FP_N_SITE_TYPES; t++)
    {
      /* Independent hospitals are never receivers of NHS activity (the sector rule). */
      if (t == FP_SITE_TYPE_INDEPENDENT_HOSPITAL)
        continue;
      if (rules[t][service_class] >= FP_HOSTING_NAMED)
        g_ptr_array_add (yes, (gpointer) _(type_plurals[t]));
      else if (rules[t][service_class] == FP_HOSTING_IF_OFFERED)
        g_ptr_array_add (offered, (gpointer) _(type_plurals[t]));
    }

  append_list (out, yes);
  if (offered->len > 0)
    {
      g_string_append (out, yes->len > 0 ? _("; or ") : "");
      append_list (out, offered);
      g_string_append (out, _(" that already offer it"));
    }

  return g_string_free (out, FALSE);
}

/**
 * fp_hosting_table_markdown:
 *
 * Returns: (transfer full): the table as docs/model.md shows it (untranslated: the docs
 *   are in English), one row per site type, `yes`, `named`, `if offered` or `no` per
 *   class
 */
char *
fp_hosting_table_markdown (void)
{
  static const char * const cells[] = { "no", "if offered", "named", "yes" };
  GString *out = g_string_new ("| site type |");

  for (guint c = 0; c < FP_N_SERVICE_CLASSES; c++)
    g_string_append_printf (out, " %s |", class_names[c]);
  g_string_append (out, "\n|---|");
  for (guint c = 0; c < FP_N_SERVICE_CLASSES; c++)
    g_string_append (out, "---|");
  g_string_append_c (out, '\n');

  for (guint t = 0; t < FP_N_SITE_TYPES; t++)
    {
      g_string_append_printf (out, "| %s |", fp_site_type_to_string (t));
      for (guint c = 0; c < FP_N_SERVICE_CLASSES; c++)
        g_string_append_printf (out, " %s |", cells[rules[t][c]]);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}
