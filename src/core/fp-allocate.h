/* fp-allocate.h: send activity to the nearest sites with room (a transportation problem).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FpAllocation:
 *
 * A transportation problem. Origins supply goods (services); receivers have capacity in
 * resources (room types); each good uses one resource (or two) at a rate per unit; an arc from an
 * origin to a receiver costs its distance per unit. The solution minimises total
 * volume × distance; whatever no receiver can take within its capacity is reported as
 * unplaced, never dropped.
 *
 * Fill the input arrays (all row-major, sized by fp_allocation_new) and call
 * fp_allocation_solve.
 */
typedef struct
{
  guint    n_origins;
  guint    n_receivers;
  guint    n_goods;
  guint    n_resources;

  double  *supply;      /* [origin][good], units */
  double  *distance;    /* [origin][receiver], km */
  gboolean *allowed;    /* [good][receiver]: may the receiver take the good at all? */
  guint   *resource;    /* [good]: which resource it uses */
  guint   *resource2;   /* [good]: a second resource it also uses at the same rate, or
                         * G_MAXUINT (e.g. a room type and the site's room-hours overall) */
  double  *rate;        /* [good]: resource per unit (room-hours per attendance, ...) */
  double  *capacity;    /* [receiver][resource]: spare capacity */
  guint    max_receivers; /* per origin and good, the nearest this many allowed receivers
                           * are considered (G_MAXUINT: all) */

  /* results */
  double  *flow;        /* [origin][receiver][good], units */
  double  *unplaced;    /* [origin][good], units */
  double   objective;   /* volume × km */
} FpAllocation;

FpAllocation *fp_allocation_new    (guint          n_origins,
                                    guint          n_receivers,
                                    guint          n_goods,
                                    guint          n_resources);
void          fp_allocation_free   (FpAllocation  *allocation);
gboolean      fp_allocation_solve  (FpAllocation  *allocation,
                                    GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpAllocation, fp_allocation_free)

G_END_DECLS
