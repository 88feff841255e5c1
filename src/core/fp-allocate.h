/* fp-allocate.h: send activity to the nearest sites with room (a transportation problem).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FpAllocationFlow:
 *
 * One arc of the solution: @volume units of @good go from @origin to @receiver, @km
 * apart (great circle × circuity).
 */
typedef struct
{
  guint  origin;
  guint  receiver;
  guint  good;
  double volume;
  double km;
} FpAllocationFlow;

/**
 * FpAllocation:
 *
 * A transportation problem. Origins supply goods (services); receivers have capacity in
 * resources (room types); each good uses one resource (or two) at a rate per unit; an arc
 * from an origin to a receiver costs its distance per unit (great circle × @circuity,
 * from the points' coordinates). The solution minimises total volume × distance; whatever
 * no receiver can take within its capacity is reported as unplaced, never dropped.
 *
 * Only arcs that can matter are built: the first linear program holds, for each origin
 * and good, its @candidates nearest receivers allowed the good with room; then any other
 * arc whose reduced cost (from the program's duals) is negative is added and the program
 * solved again, until none is (column generation). The answer is the optimum over every
 * arc, found with memory and time in proportion to the arcs it needed.
 *
 * Fill the input arrays (sized by fp_allocation_new; all row-major) and call
 * fp_allocation_solve.
 */
typedef struct
{
  guint    n_origins;
  guint    n_receivers;
  guint    n_goods;
  guint    n_resources;

  double  *origin_lat;   /* [origin], degrees */
  double  *origin_lon;
  double  *receiver_lat; /* [receiver] */
  double  *receiver_lon;
  double   circuity;     /* km travelled per km of great circle (default 1) */
  double  *supply;       /* [origin][good], units */
  guint8  *allowed;      /* [good][receiver]: may the receiver take the good at all? */
  guint   *resource;     /* [good]: which resource it uses */
  guint   *resource2;    /* [good]: a second resource it also uses at the same rate, or
                          * G_MAXUINT (e.g. a room type and the site's room-hours overall) */
  double  *rate;         /* [good]: resource per unit (room-hours per attendance, ...) */
  double  *capacity;     /* [receiver][resource]: spare capacity */
  guint    candidates;   /* arcs per origin and good in the first program (default 8); 0
                          * builds every arc at once (the unbounded program, for tests) */

  /* results */
  GArray  *flows;        /* FpAllocationFlow with volume > 0, by origin, good, then receiver */
  double  *unplaced;     /* [origin][good], units */
  double   objective;    /* volume × km */
  guint    n_arcs;       /* arcs the final program held */
  guint    n_solves;     /* programs solved (1 + rounds that added arcs) */
  guint    n_iterations; /* simplex iterations, over all the solves */
} FpAllocation;

#define FP_ALLOCATION_DEFAULT_CANDIDATES 8

FpAllocation *fp_allocation_new    (guint          n_origins,
                                    guint          n_receivers,
                                    guint          n_goods,
                                    guint          n_resources);
void          fp_allocation_free   (FpAllocation  *allocation);
gboolean      fp_allocation_solve  (FpAllocation  *allocation,
                                    GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpAllocation, fp_allocation_free)

G_END_DECLS
