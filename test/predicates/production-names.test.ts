/** Production names: word patterns (the default) and platform globs. */
import fc from 'fast-check';
import { isProductionName, nameWords, productionNamePattern } from '../../src/predicates/production-names';

const DEFAULT = ['prod', 'production', 'prd', 'live'];

describe('nameWords', () => {
  test.each([
    ['Prod', ['prod']],
    ['prod-eu', ['prod', 'eu']],
    ['Deploy_Prod', ['deploy', 'prod']],
    ['DeployProd', ['deploy', 'prod']],
    ['ProdEU', ['prod', 'eu']],
    ['PRODDeploy', ['prod', 'deploy']],
    ['deploy.prod eu-west-1', ['deploy', 'prod', 'eu', 'west', '1']],
    ['Prod2EU', ['prod', '2', 'eu']],
    ['EU1Prod', ['eu', '1', 'prod']],
    ['NonProd', ['non', 'prod']],
    ['ProductCatalogDev', ['product', 'catalog', 'dev']],
    ['PRODUCTION', ['production']],
    ['nonprod', ['nonprod']],
    ['Produção-EU', ['produção', 'eu']],
    ['  --  ', []],
  ])('%s', (name, words) => {
    expect(nameWords(name)).toEqual(words);
  });
});

describe('default word patterns', () => {
  test.each([
    'Prod', 'prod', 'PROD', 'prod-eu', 'Prod_EU_West_1', 'Deploy_Prod', 'DeployProd', 'DeployToPROD', 'ProdEU', 'PRODDeploy', 'prod2', 'Prod01',
    'Production', 'PRODUCTION', 'production-us', 'ProductionEU', 'prd', 'PRD-EU', 'Prd1', 'deploy.prd', 'Live', 'GoLive', 'live-eu',
    'Prod (EU)', 'NonProd-and-Prod', 'Pre-Deploy-Prod',
  ])('%s is production', (name) => {
    expect(isProductionName(name, DEFAULT)).toBe(true);
  });

  test.each([
    'NonProd', 'Non-Prod', 'non_prod', 'NON-PROD', 'nonprod', 'NONPROD', 'PreProd', 'Pre-Prod', 'preprod', 'PreProduction', 'Pre_Production_EU', 'NotProd',
    'ProdLike', 'prod-like', 'ProductCatalogDev', 'Products', 'Product', 'Reproduce', 'Productive', 'Deliver', 'Delivery', 'Olive', 'Alive', 'Prodigy',
    'UAT', 'Staging', 'Build', 'Source', '', '   ', 'prodeu',
  ])('%s is not production', (name) => {
    expect(isProductionName(name, DEFAULT)).toBe(false);
  });

  test('names the pattern that matched', () => {
    expect(productionNamePattern('Deploy-Production', DEFAULT)).toBe('production');
    expect(productionNamePattern('UAT', DEFAULT)).toBeUndefined();
  });
});

describe('platform patterns', () => {
  test('globs keep their whole-name semantics (case-insensitive)', () => {
    expect(isProductionName('NonProd', ['*prod*'])).toBe(true);
    expect(isProductionName('Production-EU', ['Prod*'])).toBe(true);
    expect(isProductionName('EU-Prod', ['Prod*'])).toBe(false);
    expect(isProductionName('prod1', ['Prod?'])).toBe(true);
  });

  test('a literal entry is a word pattern (several words match as a sequence)', () => {
    expect(isProductionName('Prod', ['Production'])).toBe(false);
    expect(isProductionName('Production-EU', ['Production'])).toBe(true);
    expect(isProductionName('Deploy-Go-Live', ['GoLive'])).toBe(true);
    expect(isProductionName('GoLive', ['go live'])).toBe(true);
    expect(isProductionName('Go-Staging-Live', ['GoLive'])).toBe(false);
    expect(isProductionName('Customer-Facing', ['customer'])).toBe(true);
  });

  test('a literal pattern that starts with a qualifier matches itself', () => {
    expect(isProductionName('NonProd', ['NonProd'])).toBe(true);
    expect(isProductionName('PreProd-EU', ['pre-prod'])).toBe(true);
  });

  test('a literal without letters or digits compares the whole name', () => {
    expect(isProductionName('+', ['+'])).toBe(true);
    expect(isProductionName('a+', ['+'])).toBe(false);
  });

  test('never throws, and a word pattern never matches a name that lacks the word', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string({ minLength: 1 }), { maxLength: 4 }), (name, patterns) => {
        isProductionName(name, patterns);
        if (!nameWords(name).includes('prod')) expect(isProductionName(name, ['prod'])).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
