/**
 * Boundary cases of the CodePipeline walk and classifications: empty and junk lists, intrinsics where a literal
 * is expected, untrimmed spellings, key order in Configuration, condition order in stage blocks, and the
 * walk being shared between callers of one `Stages` list.
 */
import { PropertyView } from '../../src/engine/view';
import {
  accountOfArn,
  actionRoleArns,
  changeKind,
  isManualApproval,
  pipelineActions,
  pipelineStages,
  productionDestination,
  stageBypass,
} from '../../src/predicates/pipeline';

const PROD = '333333333333';
const DEV = '111111111111';
const typeId = (Category: string, Provider: string, Owner = 'AWS') => ({ Category, Owner, Provider, Version: '1' });
const act = (Name: string, Category: string, Provider: string, extra: Record<string, unknown> = {}) => ({ Name, ActionTypeId: typeId(Category, Provider), ...extra });
const deploy = (Name: string, extra: Record<string, unknown> = {}) => act(Name, 'Deploy', 'CloudFormation', extra);

function walk(Stages: unknown) {
  const view = new PropertyView({ Stages });
  return { view, actions: pipelineActions(view) };
}
const only = (action: Record<string, unknown>) => walk([{ Name: 'Rollout', Actions: [action] }]);
const destinationOf = (action: Record<string, unknown>, accounts = [PROD]) => {
  const { view, actions } = only(action);
  return { d: productionDestination(actions[0], accounts), unknowns: view.unknowns.map((u) => u.path) };
};

afterEach(() => jest.restoreAllMocks());

describe('walking stages', () => {
  test('a junk or unresolved stage yields no stage at all; the others keep their index and path', () => {
    const view = new PropertyView({ Stages: [7, { Ref: 'S' }, { Name: 'Real', Actions: [deploy('Go')] }] });
    const stages = pipelineStages(view);
    expect(stages.map((s) => [s.index, s.name, s.path, s.actions.map((a) => a.path)])).toEqual([[2, 'Real', 'Stages[2]', ['Stages[2].Actions[0]']]]);
  });

  test('names and ActionTypeId fields are read trimmed', () => {
    const { actions } = walk([{ Name: ' Prod ', Actions: [{ Name: ' Ok ', ActionTypeId: { Category: ' Approval ', Owner: ' AWS ', Provider: ' Manual ' } }] }]);
    expect([actions[0].stageName, actions[0].name, actions[0].category, actions[0].owner, actions[0].provider]).toEqual(['Prod', 'Ok', 'Approval', 'AWS', 'Manual']);
    expect(isManualApproval(actions[0])).toBe(true);
  });

  test('a null RunOrder counts as absent (1), not as unreadable', () => {
    const { actions } = walk([{ Name: 'Prod', Actions: [deploy('Go', { RunOrder: null })] }]);
    expect(actions[0].runOrder).toBe(1);
  });

  test('an unresolved Actions list, action or RunOrder is UNKNOWN for every caller of the same Stages list', () => {
    for (const Stages of [
      [{ Name: 'A', Actions: { Ref: 'Acts' } }],
      [{ Name: 'A', Actions: [{ Ref: 'Act' }, deploy('Ok')] }],
      [{ Name: 'A', Actions: [deploy('Ok', { RunOrder: { Ref: 'Order' } })] }],
    ]) {
      const seen = [new PropertyView({ Stages }), new PropertyView({ Stages })].map((view) => {
        pipelineActions(view);
        return view.unknowns.map((u) => u.path);
      });
      expect(seen[0]).toHaveLength(1);
      expect(seen[1]).toEqual(seen[0]);
    }
  });

  test('a clean walk is shared: a second caller of the same Stages list reads nothing until it uses an action, then lists Stages and each Actions once', () => {
    const Stages = [
      { Name: 'Build', Actions: [act('Cb', 'Build', 'CodeBuild', { RunOrder: 1 }), act('Tst', 'Test', 'CodeBuild', { RunOrder: 2 })] },
      { Name: 'Prod', Actions: [deploy('Go'), deploy('Go2')] },
    ];
    const first = new PropertyView({ Stages });
    const firstActions = pipelineActions(first);
    const second = new PropertyView({ Stages });
    const items = jest.spyOn(PropertyView.prototype, 'items');
    const str = jest.spyOn(PropertyView.prototype, 'str');
    const actions = pipelineActions(second);
    expect(actions.map((a) => [a.path, a.stageName, a.name, a.category, a.provider, a.runOrder])).toEqual(
      firstActions.map((a) => [a.path, a.stageName, a.name, a.category, a.provider, a.runOrder]),
    );
    expect(items).not.toHaveBeenCalled();
    expect(str).not.toHaveBeenCalled();
    expect(actions.map((a) => a.view.path)).toEqual(['Stages[0].Actions[0]', 'Stages[0].Actions[1]', 'Stages[1].Actions[0]', 'Stages[1].Actions[1]']);
    expect(items.mock.calls.map((c) => c[0])).toEqual(['Stages', 'Actions', 'Actions']);
  });
});

describe('classification boundaries', () => {
  test('a Manual approval needs all three of Category Approval, Owner AWS, Provider Manual', () => {
    const { actions } = walk([{ Name: 'S', Actions: [act('NotApproval', 'Deploy', 'Manual'), act('NotManual', 'Approval', 'CodeStar'), act('Ok', 'Approval', 'Manual')] }]);
    expect(actions.map(isManualApproval)).toEqual([false, false, true]);
  });

  test('CHANGE_SET_REPLACE spares only CloudFormation actions; the mode is read trimmed', () => {
    const { view, actions } = walk([
      {
        Name: 'S',
        Actions: [
          act('Ecs', 'Deploy', 'ECS', { Configuration: { ActionMode: 'CHANGE_SET_REPLACE' } }),
          act('Cd', 'Deploy', 'CodeDeploy', { Configuration: { ActionMode: { Ref: 'Mode' } } }),
          deploy('Padded', { Configuration: { ActionMode: ' change_set_replace ' } }),
        ],
      },
    ]);
    expect(actions.map(changeKind)).toEqual(['deploy', 'deploy', 'none']);
    expect(view.unknowns).toEqual([]); // a CodeDeploy action has no ActionMode to read
  });

  test('accountOfArn: padded ARNs, too few fields, another prefix, accounts that are not exactly 12 digits', () => {
    expect(accountOfArn(`  arn:aws:iam::${PROD}:role/x `)).toBe(PROD);
    expect(accountOfArn(`arn:aws:iam::${PROD}`)).toBeUndefined();
    expect(accountOfArn(`arm:aws:iam::${PROD}:role/x`)).toBeUndefined();
    expect(accountOfArn(`ARN:aws:iam::${PROD}:role/x`)).toBeUndefined();
    expect(accountOfArn(`arn:aws:iam::1${PROD}:role/x`)).toBeUndefined();
    expect(accountOfArn(`arn:aws:iam::x${PROD}:role/x`)).toBeUndefined();
    expect(accountOfArn(`arn:aws:iam::${PROD}x:role/x`)).toBeUndefined();
  });
});

describe('actionRoleArns', () => {
  test('the action role and the CloudFormation role, with their full paths, in that order', () => {
    const { actions } = walk([
      { Name: 'A', Actions: [deploy('Skip')] },
      { Name: 'B', Actions: [deploy('X'), deploy('Both', { Configuration: { RoleArn: `arn:aws:iam::${PROD}:role/cfn` }, RoleArn: `arn:aws:iam::${DEV}:role/d` })] },
    ]);
    expect(actionRoleArns(actions[2])).toEqual([
      { path: 'Stages[1].Actions[1].RoleArn', arn: `arn:aws:iam::${DEV}:role/d` },
      { path: 'Stages[1].Actions[1].Configuration.RoleArn', arn: `arn:aws:iam::${PROD}:role/cfn` },
    ]);
  });

  test('absent, empty and blank roles are left out; an unresolved one is UNKNOWN', () => {
    const { view, actions } = walk([
      {
        Name: 'A',
        Actions: [
          deploy('None'),
          deploy('Blank', { RoleArn: '   ', Configuration: { RoleArn: '' } }),
          deploy('OnlyCfn', { Configuration: { RoleArn: 'arn:aws:iam::111111111111:role/c' } }),
          deploy('Unresolved', { RoleArn: { 'Fn::GetAtt': ['R', 'Arn'] } }),
        ],
      },
    ]);
    expect(actions.map((a) => actionRoleArns(a).map((r) => r.path))).toEqual([[], [], ['Stages[0].Actions[2].Configuration.RoleArn'], []]);
    expect(view.unknowns.map((u) => u.path)).toEqual(['Stages[0].Actions[3].RoleArn']);
  });
});

describe('production destinations: boundaries', () => {
  test('an unresolved Configuration is UNKNOWN as a whole, and is not scanned', () => {
    expect(destinationOf(deploy('D', { Configuration: { Ref: 'Cfg' } }))).toEqual({ d: undefined, unknowns: ['Stages[0].Actions[0].Configuration'] });
    const branches = destinationOf(deploy('D', { Configuration: { 'Fn::If': ['c', { RoleArn: `arn:aws:iam::${PROD}:role/x` }, {}] } }));
    expect(branches).toEqual({ d: undefined, unknowns: ['Stages[0].Actions[0].Configuration'] });
  });

  test('Configuration.RoleArn is reported first, whatever its place among the keys, as the deploying role', () => {
    const arn = (n: string) => `arn:aws:sns:eu-west-1:${PROD}:${n}`;
    const role = `arn:aws:iam::${PROD}:role/cfn`;
    const configs = [
      { A: arn('a'), RoleArn: role },
      { A: arn('a'), B: arn('b'), RoleArn: role },
      { A: arn('a'), RoleArn: role, B: arn('b') },
      { A: arn('a'), B: arn('b'), C: arn('c'), D: arn('d'), RoleArn: role, E: arn('e') },
      { RoleArn: role, A: arn('a') },
    ];
    for (const Configuration of configs) {
      expect(destinationOf(deploy('D', { Configuration })).d).toEqual({ path: 'Stages[0].Actions[0].Configuration.RoleArn', why: `deploys with a role in production account ${PROD}` });
    }
  });

  test('without a RoleArn key, the keys are scanned in their written order', () => {
    const arn = (n: string) => `arn:aws:sns:eu-west-1:${PROD}:${n}`;
    expect(destinationOf(deploy('D', { Configuration: { B: arn('b'), A: arn('a'), C: arn('c') } })).d?.path).toBe('Stages[0].Actions[0].Configuration.B');
  });

  test('a partial function ARN counts only in FunctionName', () => {
    const lambda = (Configuration: unknown) => act('F', 'Invoke', 'Lambda', { Configuration });
    expect(destinationOf(lambda({ FunctionName: 'f', UserParameters: `${PROD}:function:f` })).d).toBeUndefined();
    expect(destinationOf(lambda({ FunctionName: `${PROD}:function:f` })).d?.path).toBe('Stages[0].Actions[0].Configuration.FunctionName');
  });

  test('StackSet targets written as a JSON list are accounts, separators and quotes aside', () => {
    const ss = (DeploymentTargets: string) => act('S', 'Deploy', 'CloudFormationStackSet', { Configuration: { StackSetName: 'x', DeploymentTargets } });
    expect(destinationOf(ss(`["${DEV}", "222222222222"]`)).d).toBeUndefined();
    expect(destinationOf(ss(`,${DEV};;`)).d).toBeUndefined();
    expect(destinationOf(ss(`['${DEV}','${PROD}']`)).d?.why).toBe(`targets production account ${PROD}`);
  });

  test('nested Configuration values: later entries are scanned, nulls and numbers are skipped', () => {
    const d = destinationOf(deploy('D', { Configuration: { Timeout: null, Count: 3, Flag: true, Nested: { a: 'plain', n: null, b: `arn:aws:sqs:eu-west-1:${PROD}:q` } } }));
    expect(d.d).toEqual({ path: 'Stages[0].Actions[0].Configuration.Nested.b', why: `names a resource in production account ${PROD}` });
    const list = destinationOf(deploy('D', { Configuration: { Targets: ['plain', null, 4, `arn:aws:sqs:eu-west-1:${PROD}:q`] } }));
    expect(list.d?.path).toBe('Stages[0].Actions[0].Configuration.Targets[3]');
  });

  test('the scan of nested Configuration values goes 16 levels deep and no further', () => {
    const arn = `arn:aws:sqs:eu-west-1:${PROD}:q`;
    const objects = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : { k: objects(depth - 1, leaf) });
    const lists = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : [lists(depth - 1, leaf)]);
    const at = (nest: (d: number, l: unknown) => unknown, depth: number, leaf: unknown = arn) => destinationOf(deploy('D', { Configuration: { Deep: nest(depth, leaf) } }));
    expect(at(objects, 16).d?.path).toBe(`Stages[0].Actions[0].Configuration.Deep${'.k'.repeat(16)}`);
    expect(at(objects, 17).d).toBeUndefined();
    expect(at(lists, 16).d?.path).toBe(`Stages[0].Actions[0].Configuration.Deep${'[0]'.repeat(16)}`);
    expect(at(lists, 17).d).toBeUndefined();
    expect(at(objects, 17, { Ref: 'X' }).unknowns).toEqual([]);
    expect(at(objects, 16, { Ref: 'X' }).unknowns).toEqual([`Stages[0].Actions[0].Configuration.Deep${'.k'.repeat(16)}`]);
  });
});

describe('stage conditions: boundaries', () => {
  const cond = (...results: unknown[]) => ({ Conditions: results.map((Result) => ({ Result, Rules: [{ Name: 'r' }] })) });
  const bypassOf = (extra: Record<string, unknown>) => {
    const view = new PropertyView({ Stages: [{ Name: 'Approve', Actions: [act('A', 'Approval', 'Manual')], ...extra }] });
    return { b: stageBypass(view, 'Stages[0]'), unknowns: view.unknowns.map((u) => u.path) };
  };

  test('a blank Result is not a bypass', () => {
    expect(bypassOf({ BeforeEntry: cond('   ') })).toEqual({ b: undefined, unknowns: [] });
  });

  test('every condition is judged, not only the first', () => {
    expect(bypassOf({ BeforeEntry: cond('FAIL', 'skip') }).b).toEqual({ path: 'Stages[0].BeforeEntry.Conditions[1].Result', result: 'SKIP' });
    expect(bypassOf({ OnSuccess: cond('ROLLBACK', 'FAIL', 'PROCEED') }).b?.path).toBe('Stages[0].OnSuccess.Conditions[2].Result');
  });

  test('blocks are judged in order BeforeEntry, OnFailure, OnSuccess; OnFailure.Result before its conditions', () => {
    expect(bypassOf({ OnFailure: { Result: 'SKIP' }, BeforeEntry: cond('SKIP') }).b?.path).toBe('Stages[0].BeforeEntry.Conditions[0].Result');
    expect(bypassOf({ OnSuccess: cond('SKIP'), OnFailure: cond('SKIP') }).b?.path).toBe('Stages[0].OnFailure.Conditions[0].Result');
    expect(bypassOf({ OnFailure: { Result: 'SKIP', ...cond('SKIP') } }).b?.path).toBe('Stages[0].OnFailure.Result');
  });
});
