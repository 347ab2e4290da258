/** Stage/action walking and the classifications the CodePipeline controls share. */
import fc from 'fast-check';
import { PropertyView } from '../../src/engine/view';
import {
  accountOfArn,
  actionKey,
  changeKind,
  describeAction,
  gatedByApproval,
  isManualApproval,
  isProductionStageName,
  pipelineActions,
  pipelineStages,
  runsInProductionAccount,
  withWeakening,
} from '../../src/predicates/pipeline';

const typeId = (Category: string, Provider: string, Owner = 'AWS') => ({ Category, Owner, Provider, Version: '1' });
const act = (Name: string, Category: string, Provider: string, RunOrder?: unknown, extra: Record<string, unknown> = {}) => ({
  Name,
  ActionTypeId: typeId(Category, Provider),
  ...(RunOrder === undefined ? {} : { RunOrder }),
  ...extra,
});
const approval = (name: string, runOrder?: unknown) => act(name, 'Approval', 'Manual', runOrder);
const deploy = (name: string, runOrder?: unknown, extra: Record<string, unknown> = {}) => act(name, 'Deploy', 'CloudFormation', runOrder, extra);

function walk(Stages: unknown) {
  const view = new PropertyView({ Stages });
  return { view, actions: pipelineActions(view) };
}
const find = (actions: ReturnType<typeof walk>['actions'], name: string) => actions.find((a) => a.name === name)!;

describe('pipelineStages / pipelineActions', () => {
  test('walks stages and actions in order with paths, names and RunOrder (default 1, strings read as numbers)', () => {
    const { actions } = walk([
      { Name: 'Source', Actions: [act('Src', 'Source', 'S3')] },
      { Name: 'Prod', Actions: [approval('Ok', '1'), deploy('Go', '2'), deploy('NoOrder')] },
    ]);
    expect(actions.map((a) => [a.path, a.stageName, a.name, a.category, a.provider, a.runOrder])).toEqual([
      ['Stages[0].Actions[0]', 'Source', 'Src', 'Source', 'S3', 1],
      ['Stages[1].Actions[0]', 'Prod', 'Ok', 'Approval', 'Manual', 1],
      ['Stages[1].Actions[1]', 'Prod', 'Go', 'Deploy', 'CloudFormation', 2],
      ['Stages[1].Actions[2]', 'Prod', 'NoOrder', 'Deploy', 'CloudFormation', 1],
    ]);
    expect(describeAction(actions[2])).toBe('Stages[1].Actions[1] (stage Prod, action Go)');
    expect(actionKey(actions[2])).toBe('Prod/Go');
  });

  test('a RunOrder that is not a number is undefined (proves nothing)', () => {
    const { actions } = walk([{ Name: 'Prod', Actions: [deploy('Go', 'soon')] }]);
    expect(actions[0].runOrder).toBeUndefined();
  });

  test('junk stages and actions are skipped; intrinsics are recorded as UNKNOWN', () => {
    const { view, actions } = walk([1, 'x', null, { Name: 'A', Actions: [7, { Ref: 'Act' }, deploy('Ok')] }, { Name: 'B', Actions: { 'Fn::If': ['c', [], []] } }, { Ref: 'Stage' }]);
    expect(actions.map((a) => a.name)).toEqual(['Ok']);
    expect(view.unknowns.map((u) => u.path).sort()).toEqual(['Stages[3].Actions[1]', 'Stages[4].Actions', 'Stages[5]']);
  });

  test('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (stages) => {
        const view = new PropertyView({ Stages: stages });
        const actions = pipelineActions(view);
        for (const a of actions) {
          changeKind(a, view);
          gatedByApproval(a, actions);
          runsInProductionAccount(a, view, ['123456789012']);
          describeAction(a);
        }
        expect(pipelineStages(view).length).toBeLessThanOrEqual(Array.isArray(stages) ? stages.length : 1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('approvals and gating', () => {
  test('only {Approval, AWS, Manual} is a Manual approval', () => {
    const { actions } = walk([{ Name: 'S', Actions: [approval('A'), { Name: 'C', ActionTypeId: typeId('Approval', 'Manual', 'Custom') }, act('L', 'approval', 'manual')] }]);
    expect(actions.map(isManualApproval)).toEqual([true, false, false]);
  });

  test('earlier stage gates; same stage only with a strictly lower RunOrder; later never', () => {
    const { actions } = walk([
      { Name: 'Gate', Actions: [approval('G')] },
      { Name: 'Prod', Actions: [deploy('D1', 1)] },
    ]);
    expect(gatedByApproval(find(actions, 'D1'), actions)).toBe(true);

    const same = walk([{ Name: 'Prod', Actions: [approval('A', 2), deploy('Lower', 1), deploy('Same', 2), deploy('Higher', 3)] }]).actions;
    expect(['Lower', 'Same', 'Higher'].map((n) => gatedByApproval(find(same, n), same))).toEqual([false, false, true]);

    const after = walk([{ Name: 'Prod', Actions: [deploy('D')] }, { Name: 'Later', Actions: [approval('A')] }]).actions;
    expect(gatedByApproval(find(after, 'D'), after)).toBe(false);
  });

  test('an unreadable RunOrder on either side does not gate', () => {
    const a = walk([{ Name: 'Prod', Actions: [approval('A', 'x'), deploy('D', 2)] }]).actions;
    expect(gatedByApproval(find(a, 'D'), a)).toBe(false);
    const b = walk([{ Name: 'Prod', Actions: [approval('A', 1), deploy('D', 'x')] }]).actions;
    expect(gatedByApproval(find(b, 'D'), b)).toBe(false);
  });
});

describe('classification', () => {
  test('changeKind: deploys, compute steps, and what changes nothing', () => {
    const { view, actions } = walk([
      {
        Name: 'S',
        Actions: [
          act('SrcS3', 'Source', 'S3'),
          act('DeployS3', 'Deploy', 'S3'),
          deploy('Replace', 1, { Configuration: { ActionMode: 'CHANGE_SET_REPLACE' } }),
          deploy('Execute', 1, { Configuration: { ActionMode: 'CHANGE_SET_EXECUTE' } }),
          deploy('CreateUpdate', 1, { Configuration: { ActionMode: 'create_update' } }),
          act('Ecs', 'Deploy', 'ECS'),
          act('Mislabelled', 'Build', 'CodeDeploy'),
          act('Cb', 'Build', 'CodeBuild'),
          act('Tst', 'Test', 'CodeBuild'),
          act('Fn', 'Invoke', 'Lambda'),
          act('Cmd', 'Compute', 'Commands'),
          approval('Ok'),
        ],
      },
    ]);
    const kinds = Object.fromEntries(actions.map((a) => [a.name, changeKind(a, view)]));
    expect(kinds).toEqual({
      SrcS3: 'none',
      DeployS3: 'deploy',
      Replace: 'none',
      Execute: 'deploy',
      CreateUpdate: 'deploy',
      Ecs: 'deploy',
      Mislabelled: 'deploy',
      Cb: 'compute',
      Tst: 'compute',
      Fn: 'compute',
      Cmd: 'compute',
      Ok: 'none',
    });
  });

  test('accountOfArn', () => {
    expect(accountOfArn('arn:aws:iam::333333333333:role/deploy')).toBe('333333333333');
    expect(accountOfArn('arn:aws-cn:iam::333333333333:role/a:b')).toBe('333333333333');
    expect(accountOfArn('arn:aws:iam::aws:policy/x')).toBeUndefined();
    expect(accountOfArn('deploy-role')).toBeUndefined();
    expect(accountOfArn('')).toBeUndefined();
  });

  test('production by account: action RoleArn or Configuration.RoleArn', () => {
    const { view, actions } = walk([
      {
        Name: 'Blue',
        Actions: [
          deploy('Own', 1, { RoleArn: 'arn:aws:iam::333333333333:role/d' }),
          deploy('Cfn', 1, { RoleArn: 'arn:aws:iam::111111111111:role/d', Configuration: { RoleArn: 'arn:aws:iam::333333333333:role/cfn' } }),
          deploy('Other', 1, { RoleArn: 'arn:aws:iam::111111111111:role/d' }),
        ],
      },
    ]);
    expect(actions.map((a) => runsInProductionAccount(a, view, ['333333333333']))).toEqual([true, true, false]);
    expect(actions.map((a) => runsInProductionAccount(a, view, []))).toEqual([false, false, false]);
  });

  test('production stage names: case-insensitive globs', () => {
    const globs = ['*prod*', '*prd*', '*live*'];
    expect(['Prod', 'PRODUCTION', 'prd-eu', 'GoLive', 'pre-prod'].every((n) => isProductionStageName(n, globs))).toBe(true);
    expect(['UAT', 'Staging', 'Build', ''].some((n) => isProductionStageName(n, globs))).toBe(false);
  });
});

describe('withWeakening', () => {
  const f = (key: string) => ({ key, path: key, message: `${key} bad` });
  test('weakened only when the previous state had the item and it was compliant', () => {
    const now = { findings: [f('a'), f('b'), f('c')], seen: new Set(['a', 'b', 'c']) };
    const before = { findings: [f('b')], seen: new Set(['a', 'b']) };
    expect(withWeakening(now, before, 'removed by this update')).toEqual([
      { path: 'a', message: 'a bad; removed by this update', weakened: true },
      { path: 'b', message: 'b bad', weakened: false },
      { path: 'c', message: 'c bad', weakened: false },
    ]);
    expect(withWeakening(now, undefined, 'x').every((x) => !x.weakened)).toBe(true);
  });
});
