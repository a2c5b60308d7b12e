import type { Role } from '../stores/auth'

/**
 * The demo identities of a local run: the same subjects, roles and units as ./minhu up prints
 * (launcher's Minhu.printWhereToLook) and its demo data uses (Demo.java): the citizen who
 * filed the seed requests, 万盛经开区卫生健康局 (Z-WSJKQ-health, which signed and answered the
 * clinic's request), 南岸区治理中心 (500108-gc, which ruled on the parking hand-back), an auditor
 * and an admin.
 */
export interface DemoIdentity {
  key: 'citizen' | 'health' | 'nanan' | 'auditor' | 'admin'
  role: Role
  sub: string
  unitId?: string
}

export const DEMO_IDENTITIES: DemoIdentity[] = [
  { key: 'citizen', role: 'citizen', sub: 'citizen-demo' },
  { key: 'health', role: 'unit_staff', sub: 'staff-wansheng-health', unitId: 'Z-WSJKQ-health' },
  { key: 'nanan', role: 'governance', sub: 'staff-nanan-gc', unitId: '500108-gc' },
  { key: 'auditor', role: 'auditor', sub: 'auditor-demo' },
  { key: 'admin', role: 'admin', sub: 'admin-demo', unitId: 'city-gc' },
]

export interface DevToken { token: string; tokenType: string; expiresIn: number; role: Role; sub: string; unitId: string | null }
