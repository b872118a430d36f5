import { UserRuleSchema, type UserRule } from '../../../shared/userRules';
import type { Db } from './db';

export class UserRulesRepo {
  private readonly s;

  constructor(readonly db: Db) {
    this.s = {
      list: db.prepare('SELECT id, json FROM user_rules ORDER BY id'),
      insert: db.prepare('INSERT INTO user_rules (json, created_at, updated_at) VALUES (?, ?, ?)'),
      update: db.prepare('UPDATE user_rules SET json = ?, updated_at = ? WHERE id = ?'),
      remove: db.prepare('DELETE FROM user_rules WHERE id = ?'),
    };
  }

  /** Stored rules, validated again on the way out: a hand-edited database cannot feed the engine garbage. */
  list(): (UserRule & { id: string })[] {
    const out: (UserRule & { id: string })[] = [];
    for (const row of this.s.list.all() as { id: number; json: string }[]) {
      const parsed = UserRuleSchema.safeParse({ ...(JSON.parse(row.json) as object), id: String(row.id) });
      if (parsed.success) out.push({ ...parsed.data, id: String(row.id) });
    }
    return out;
  }

  save(rule: UserRule, at: string): string {
    const { id, ...body } = rule;
    if (id !== undefined && this.s.update.run(JSON.stringify(body), at, Number(id)).changes === 1) return id;
    return String(this.s.insert.run(JSON.stringify(body), at, at).lastInsertRowid);
  }

  remove(id: string): boolean {
    return this.s.remove.run(Number(id)).changes === 1;
  }
}
