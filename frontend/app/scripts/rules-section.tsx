'use client';
// The scripts page's orchestration rules: the add/edit rule form and the rules in words.
import { useState } from 'react';
import type { Environment, Farm, Role } from '../../lib/api-client';
import type { OrchestrationRule, Script } from '../../lib/orchestration-api';
import type { ApiState } from '../../lib/use-api';
import { RuleForm } from './rule-form';
import { type NameBook, ruleSentence } from './rule-names';
import { RuleTable } from './rule-table';

type Editing<T> = { item?: T } | undefined;

export function RulesSection({
  rules,
  scripts,
  names,
  mayManage,
  environmentId,
  environments,
  roles,
  farms,
  setNotice,
}: {
  rules: ApiState<OrchestrationRule[]>;
  scripts: Script[] | undefined;
  names: NameBook;
  mayManage: boolean;
  environmentId: string | undefined;
  environments: Environment[] | undefined;
  roles: Role[] | undefined;
  farms: Farm[] | undefined;
  setNotice: (notice: string | undefined) => void;
}) {
  const [form, setForm] = useState<Editing<OrchestrationRule>>();
  const open = (editing: Editing<OrchestrationRule>) => {
    setForm(editing);
    setNotice(undefined);
  };
  return (
    <section aria-labelledby="rules-heading" className="orch-section">
      <div className="section-heading">
        <h2 id="rules-heading">
          Orchestration rules {rules.data && <span className="count">{rules.data.length}</span>}
        </h2>
        {mayManage && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => open({})}
            disabled={Boolean(form) || !scripts}
          >
            New rule
          </button>
        )}
      </div>
      {form && scripts && (
        <RuleForm
          key={form.item?.id ?? 'new'}
          editing={form.item}
          environmentId={environmentId}
          environments={environments ?? []}
          roles={roles ?? []}
          farms={farms ?? []}
          scripts={scripts}
          onCancel={() => setForm(undefined)}
          onSaved={(saved) => {
            setForm(undefined);
            setNotice(`Saved: ${ruleSentence(saved, names)}.`);
            rules.reload();
          }}
        />
      )}
      <div className="panel orch-panel">
        <RuleTable
          rules={rules.data}
          names={names}
          mayManage={mayManage}
          onEdit={(item) => open({ item })}
          onDeleted={rules.reload}
        />
      </div>
    </section>
  );
}
