/**
 * Learning-rate schedules ({@link org.heavytail.trainer.optim.schedule.LearningRateSchedule}):
 * constant, step decay, cosine annealing and linear warm-up, applied by every built-in optimizer.
 */
package org.heavytail.trainer.optim.schedule;
