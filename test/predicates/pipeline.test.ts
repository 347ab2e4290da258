/** Stage/action walking and the classifications the CodePipeline controls share. */
import fc from 'fast-check';
import { PropertyView } from '../../src/engine/view';
import {
  accountOfArn,
  changeKind,
  describeAction,
  gatedByApproval,
  isManualApproval,
  isProductionStageName,
  pipelineActions,
  pipelineStages,
  productionDestination,
  runsInProductionAccount,
  stageBypass,
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
    expect(actions[2].view.path).toBe('Stages[1].Actions[1]');
    expect(actions[2].view.pathOf('Configuration.RoleArn')).toBe('Stages[1].Actions[1].Configuration.RoleArn');
  });

  test('reads through an action view record UNKNOWNs with the full path, in the one path style', () => {
    const { view, actions } = walk([
      { Name: 'Src', Actions: [act('S', 'Source', 'S3')] },
      { Name: 'Prod', Actions: [deploy('Go', 1, { Configuration: { ActionMode: { Ref: 'Mode' } }, RoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] } })] },
    ]);
    const go = find(actions, 'Go');
    expect(changeKind(go)).toBe('deploy'); // an unresolved ActionMode proves no CHANGE_SET_REPLACE
    expect(runsInProductionAccount(go, ['333333333333'])).toBe(false);
    expect(view.unknowns.map((u) => u.path).sort()).toEqual(['Stages[1].Actions[0].Configuration.ActionMode', 'Stages[1].Actions[0].RoleArn']);
  });

  test('every caller gets actions bound to its own view (the walk is shared within a request, UNKNOWNs are not)', () => {
    const clean = { Stages: [{ Name: 'Prod', Actions: [deploy('Go', 1, { Configuration: { ActionMode: { Ref: 'Mode' } } })] }] };
    const first = new PropertyView(clean);
    const second = new PropertyView(clean);
    expect(changeKind(pipelineActions(first)[0])).toBe('deploy');
    const again = pipelineActions(second)[0];
    expect(again.view.path).toBe('Stages[0].Actions[0]');
    expect(second.unknowns).toEqual([]); // nothing read yet through the second view
    changeKind(again);
    expect(first.unknowns.map((u) => u.path)).toEqual(['Stages[0].Actions[0].Configuration.ActionMode']);
    expect(second.unknowns.map((u) => u.path)).toEqual(['Stages[0].Actions[0].Configuration.ActionMode']);

    const unclean = { Stages: [{ Name: { Ref: 'StageName' }, Actions: [deploy('Go')] }] };
    for (const view of [new PropertyView(unclean), new PropertyView(unclean)]) {
      expect(pipelineActions(view).map((a) => a.stageName)).toEqual(['']);
      expect(view.unknowns.map((u) => u.path)).toEqual(['Stages[0].Name']);
    }
  });

  test('a stage or action given as a single object counts as a one-element list', () => {
    const { actions } = walk({ Name: 'Only', Actions: deploy('Go') });
    expect(actions.map((a) => [a.path, a.stageName, a.name])).toEqual([['Stages[0].Actions[0]', 'Only', 'Go']]);
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
          changeKind(a);
          gatedByApproval(a, actions);
          gatedByApproval(a, actions, (i) => stageBypass(view, `Stages[${i}]`) !== undefined);
          runsInProductionAccount(a, ['123456789012']);
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
    const kinds = Object.fromEntries(actions.map((a) => [a.name, changeKind(a)]));
    expect(view.unknowns).toEqual([]);
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
    const { actions } = walk([
      {
        Name: 'Blue',
        Actions: [
          deploy('Own', 1, { RoleArn: 'arn:aws:iam::333333333333:role/d' }),
          deploy('Cfn', 1, { RoleArn: 'arn:aws:iam::111111111111:role/d', Configuration: { RoleArn: 'arn:aws:iam::333333333333:role/cfn' } }),
          deploy('Other', 1, { RoleArn: 'arn:aws:iam::111111111111:role/d' }),
        ],
      },
    ]);
    expect(actions.map((a) => runsInProductionAccount(a, ['333333333333']))).toEqual([true, true, false]);
    expect(actions.map((a) => runsInProductionAccount(a, []))).toEqual([false, false, false]);
  });

  test('production stage names: platform globs over the whole name', () => {
    const globs = ['*prod*', '*prd*', '*live*'];
    expect(['Prod', 'PRODUCTION', 'prd-eu', 'GoLive', 'pre-prod'].every((n) => isProductionStageName(n, globs))).toBe(true);
    expect(['UAT', 'Staging', 'Build', ''].some((n) => isProductionStageName(n, globs))).toBe(false);
  });

  test('production stage names: default word patterns (see production-names.test.ts for the splitter)', () => {
    const words = ['prod', 'production', 'prd', 'live'];
    expect(['Prod', 'PRODUCTION', 'prd-eu', 'GoLive', 'DeployProd', 'ProdEU'].every((n) => isProductionStageName(n, words))).toBe(true);
    expect(['pre-prod', 'NonProd', 'ProductCatalogDev', 'UAT', ''].some((n) => isProductionStageName(n, words))).toBe(false);
  });
});

describe('production by destination', () => {
  const PROD = '333333333333';
  const typed = (Name: string, Category: string, Provider: string, Configuration: unknown, extra: Record<string, unknown> = {}) =>
    ({ Name, ActionTypeId: typeId(Category, Provider), RunOrder: 1, Configuration, ...extra });
  const destinationOf = (action: Record<string, unknown>, accounts = [PROD]) => {
    const { view, actions } = walk([{ Name: 'Rollout', Actions: [action] }]);
    return { d: productionDestination(actions[0], accounts), unknowns: view.unknowns.map((u) => u.path) };
  };

  test('roles, ARNs anywhere in Configuration, partial function ARNs', () => {
    expect(destinationOf(deploy('D', 1, { RoleArn: `arn:aws:iam::${PROD}:role/x` })).d).toEqual({ path: 'Stages[0].Actions[0].RoleArn', why: `runs with a role in production account ${PROD}` });
    expect(destinationOf(deploy('D', 1, { Configuration: { StackName: 's', RoleArn: `arn:aws:iam::${PROD}:role/cfn` } })).d?.path).toBe('Stages[0].Actions[0].Configuration.RoleArn');
    expect(destinationOf(typed('F', 'Invoke', 'Lambda', { FunctionName: `arn:aws:lambda:eu-west-1:${PROD}:function:f` })).d?.why).toBe(`names a resource in production account ${PROD}`);
    expect(destinationOf(typed('F', 'Invoke', 'Lambda', { FunctionName: `${PROD}:function:f` })).d?.why).toBe(`calls a function in production account ${PROD}`);
    expect(destinationOf(typed('F', 'Invoke', 'Lambda', { FunctionName: 'f', UserParameters: `{"role":"arn:aws-cn:iam::${PROD}:role/r"}` })).d?.path).toBe('Stages[0].Actions[0].Configuration.UserParameters');
    expect(destinationOf(typed('F', 'Invoke', 'Lambda', { FunctionName: 'f', UserParameters: `arn:aws:iam::${PROD}x:role/r` })).d).toBeUndefined();
    expect(destinationOf(typed('F', 'Invoke', 'Lambda', { FunctionName: `arn:aws:lambda:eu-west-1:${PROD}:function:f` }), []).d).toBeUndefined();
    expect(destinationOf(typed('F', 'Invoke', 'Lambda', { FunctionName: `arn:aws:lambda:eu-west-1:222222222222:function:f` })).d).toBeUndefined();
  });

  test('StackSet deployment targets: accounts, OUs, roots, files (only for StackSet providers)', () => {
    const ss = (DeploymentTargets: string, Provider = 'CloudFormationStackSet') => typed('S', 'Deploy', Provider, { StackSetName: 'x', DeploymentTargets });
    expect(destinationOf(ss(`111111111111,${PROD}`)).d?.why).toBe(`targets production account ${PROD}`);
    expect(destinationOf(ss('111111111111 , 222222222222')).d).toBeUndefined();
    expect(destinationOf(ss('ou-ab12-cdef3456', 'CloudFormationStackInstances')).d?.why).toMatch(/organizational unit/);
    expect(destinationOf(ss('r-ab12')).d?.why).toMatch(/organizational unit or root/);
    expect(destinationOf(ss('Build::targets.json')).d?.why).toMatch(/artifact file/);
    expect(destinationOf(ss('all-of-them')).d?.why).toMatch(/not an account ID/);
    expect(destinationOf(ss('ou-ab12-cdef3456'), []).d).toBeUndefined();
    // a CloudFormation (single stack) action has no deployment targets: the key means nothing there
    expect(destinationOf(typed('C', 'Deploy', 'CloudFormation', { StackName: 'x', DeploymentTargets: 'ou-ab12-cdef3456' })).d).toBeUndefined();
  });

  test('unresolved values are UNKNOWN only when nothing resolved proves production', () => {
    const unresolved = typed('F', 'Invoke', 'Lambda', { FunctionName: { 'Fn::ImportValue': 'fn' }, Extra: [{ Ref: 'X' }] }, { RoleArn: { 'Fn::GetAtt': ['R', 'Arn'] } });
    const a = destinationOf(unresolved);
    expect(a.d).toBeUndefined();
    expect(a.unknowns.sort()).toEqual(['Stages[0].Actions[0].Configuration.Extra[0]', 'Stages[0].Actions[0].Configuration.FunctionName', 'Stages[0].Actions[0].RoleArn']);
    const proven = destinationOf({ ...unresolved, Configuration: { FunctionName: { Ref: 'F' }, Target: `arn:aws:sqs:eu-west-1:${PROD}:q` } });
    expect(proven.d?.path).toBe('Stages[0].Actions[0].Configuration.Target');
    expect(proven.unknowns).toEqual([]);
    expect(destinationOf(unresolved, []).unknowns).toEqual([]);
  });
});

describe('stage conditions', () => {
  const cond = (Result: unknown) => ({ Conditions: [{ Result, Rules: [{ Name: 'r', RuleTypeId: { Category: 'Rule', Owner: 'AWS', Provider: 'LambdaInvoke', Version: '1' } }] }] });
  const bypassOf = (extra: Record<string, unknown>) => {
    const view = new PropertyView({ Stages: [{ Name: 'Approve', Actions: [approval('A')], ...extra }] });
    return { b: stageBypass(view, 'Stages[0]'), unknowns: view.unknowns.map((u) => u.path) };
  };

  test('SKIP anywhere, and undocumented Results, let an execution past the stage', () => {
    expect(bypassOf({ BeforeEntry: cond('SKIP') }).b).toEqual({ path: 'Stages[0].BeforeEntry.Conditions[0].Result', result: 'SKIP' });
    expect(bypassOf({ BeforeEntry: cond(' Skip ') }).b?.result).toBe('SKIP');
    expect(bypassOf({ OnFailure: { Result: 'SKIP' } }).b?.path).toBe('Stages[0].OnFailure.Result');
    expect(bypassOf({ OnFailure: cond('SKIP') }).b?.path).toBe('Stages[0].OnFailure.Conditions[0].Result');
    expect(bypassOf({ OnSuccess: cond('SKIP') }).b?.path).toBe('Stages[0].OnSuccess.Conditions[0].Result');
    expect(bypassOf({ BeforeEntry: cond('PROCEED') }).b?.result).toBe('PROCEED');
  });

  test('FAIL, ROLLBACK, RETRY, an absent or empty Result hold the execution; an unresolved one is UNKNOWN', () => {
    for (const extra of [{}, { BeforeEntry: cond('FAIL') }, { OnFailure: { Result: 'ROLLBACK', ...cond('ROLLBACK') } }, { OnFailure: { Result: 'retry' } }, { OnSuccess: cond('FAIL') }, { BeforeEntry: cond(undefined) }, { BeforeEntry: cond('') }]) {
      expect(bypassOf(extra)).toEqual({ b: undefined, unknowns: [] });
    }
    expect(bypassOf({ BeforeEntry: cond({ Ref: 'R' }) })).toEqual({ b: undefined, unknowns: ['Stages[0].BeforeEntry.Conditions[0].Result'] });
  });

  test('an approval in a skippable earlier stage does not gate; in the same stage it still does', () => {
    const { actions } = walk([
      { Name: 'Gate', Actions: [approval('G')] },
      { Name: 'Prod', Actions: [approval('A', 1), deploy('Same', 2)] },
      { Name: 'Later', Actions: [deploy('Later', 1)] },
    ]);
    const skip0 = (i: number) => i === 0;
    expect(gatedByApproval(find(actions, 'Later'), actions, skip0)).toBe(true); // Prod's approval is not skippable
    expect(gatedByApproval(find(actions, 'Later'), actions, () => true)).toBe(false);
    expect(gatedByApproval(find(actions, 'Same'), actions, () => true)).toBe(true);
  });
});
