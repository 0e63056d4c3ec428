// SPDX-License-Identifier: MIT
/*
 * traces/kernel/timer.c - the generic timer (see irq.h): the virtual
 * timer (CNTV_*_EL0, PPI 27) and the EL1 physical timer (CNTP_*_EL0,
 * PPI 30).  A timer fires while ENABLE = 1, IMASK = 0 and the counter has
 * reached CVAL; writing TVAL sets CVAL = counter + TVAL.
 */
#include "irq.h"

u64 timer_freq(void)
{
	return read_sysreg(cntfrq_el0);
}

u64 read_cntvct(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

u64 read_cntpct(void)
{
	isb();
	return read_sysreg(cntpct_el0);
}

void timer_virt_arm_tval(u64 ticks)
{
	write_sysreg(ticks, cntv_tval_el0);
	write_sysreg(CNT_CTL_ENABLE, cntv_ctl_el0);
	isb();
}

void timer_virt_arm_cval(u64 cval)
{
	write_sysreg(cval, cntv_cval_el0);
	write_sysreg(CNT_CTL_ENABLE, cntv_ctl_el0);
	isb();
}

void timer_virt_stop(void)
{
	write_sysreg(0, cntv_ctl_el0);
	isb();
}

u64 timer_virt_ctl(void)
{
	return read_sysreg(cntv_ctl_el0);
}

void timer_phys_arm_tval(u64 ticks)
{
	write_sysreg(ticks, cntp_tval_el0);
	write_sysreg(CNT_CTL_ENABLE, cntp_ctl_el0);
	isb();
}

void timer_phys_arm_cval(u64 cval)
{
	write_sysreg(cval, cntp_cval_el0);
	write_sysreg(CNT_CTL_ENABLE, cntp_ctl_el0);
	isb();
}

void timer_phys_stop(void)
{
	write_sysreg(0, cntp_ctl_el0);
	isb();
}

u64 timer_phys_ctl(void)
{
	return read_sysreg(cntp_ctl_el0);
}
