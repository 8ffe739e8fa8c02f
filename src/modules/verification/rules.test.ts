import { describe, expect, it } from 'vitest';
import { compareNames, fileProblem, nameSkeleton, reasonProblem, requestProblems, submitProblem } from './rules.ts';

describe('the name skeleton', () => {
  it.each([
    ['محمد', ['mhmd']],
    ['Mohamed', ['mhmd']],
    ['Muhammad', ['mhmd']],
    ['أحمد', ['hmd']],
    ['Ahmed', ['hmd']],
    ['عبد الرحمن', ['bdlrhmn']],
    ['Abd El-Rahman', ['bdlrhmn']],
    ['فاطمة', ['ftm']],
    ['Fatimah', ['ftm']],
    ['شريف', ['crf']],
    ['Cherif', ['crf']],
    ['خالد بن الوليد', ['xld', 'ld']],
    ['مُحَمَّد', ['mhmd']],
    ['3li', ['l']],
  ])('%s → %j', (name, skeleton) => {
    expect(nameSkeleton(name)).toEqual(skeleton);
  });
});

describe('comparing an Arabic and a Latin name (the staff’s hint)', () => {
  it.each([
    // The same names as people spell them.
    ['محمد', 'Mohamed', 'likely_same'],
    ['محمد', 'Mohammed', 'likely_same'],
    ['محمد', 'Muhammad', 'likely_same'],
    ['أحمد', 'Ahmed', 'likely_same'],
    ['أحمد', 'Ahmad', 'likely_same'],
    ['عبد الرحمن', 'Abdelrahman', 'likely_same'],
    ['عبدالرحمن', 'Abdul Rahman', 'likely_same'],
    ['عبد الرحمن', 'Abdur Rahman', 'likely_same'],
    ['عبد الله', 'Abdullah', 'likely_same'],
    ['عبدالعزيز', 'Abdulaziz', 'likely_same'],
    ['عمر', 'Omar', 'likely_same'],
    ['خالد', 'Khaled', 'likely_same'],
    ['خالد', 'Khalid', 'likely_same'],
    ['يوسف', 'Youssef', 'likely_same'],
    ['يوسف', 'Yusuf', 'likely_same'],
    ['فاطمة', 'Fatma', 'likely_same'],
    ['فاطمة', 'Fatima', 'likely_same'],
    ['فاطمه', 'Fatimah', 'likely_same'],
    ['عائشة', 'Aisha', 'likely_same'],
    ['شريف', 'Cherif', 'likely_same'],
    ['شريف', 'Sherif', 'likely_same'],
    ['جمال', 'Gamal', 'likely_same'],
    ['جمال', 'Jamal', 'likely_same'],
    ['مصطفى', 'Mostafa', 'likely_same'],
    ['مصطفى', 'Moustafa', 'likely_same'],
    ['حسين', 'Hussein', 'likely_same'],
    ['طارق', 'Tarek', 'likely_same'],
    ['طارق', 'Tariq', 'likely_same'],
    ['زينب', 'Zeinab', 'likely_same'],
    ['عثمان', 'Othman', 'likely_same'],
    ['عثمان', 'Osman', 'likely_same'],
    ['رمضان', 'Ramadhan', 'likely_same'],
    ['طه', 'Taha', 'likely_same'],
    ['الأنصاري', 'Al-Ansari', 'likely_same'],
    // A document's full name (with the father's and grandfather's) against the account's shorter one.
    ['محمد أحمد علي حسن', 'Mohamed Ali', 'likely_same'],
    ['Sara Mahmoud Ibrahim', 'سارة إبراهيم', 'likely_same'],
    ['عبد الرحمن بن عبد العزيز الأنصاري', 'Abdelrahman Al Ansari', 'likely_same'],
    // Two spellings in one script.
    ['Mohamed Aly', 'Muhammad Ali', 'likely_same'],
    ['أحمد', 'احمد', 'likely_same'],
    // Different people.
    ['أحمد', 'Mahmoud', 'check'],
    ['محمد علي', 'Sara Ahmed', 'check'],
    ['خالد', 'Khadija', 'check'],
    ['فاطمة', 'Fadi', 'check'],
    ['عمر', 'Samir', 'check'],
    ['Ali Hassan', 'علي حسين', 'likely_same'],
    ['يوسف', 'Yasser', 'check'],
    ['حسن', 'Hamza', 'check'],
    ['Mohamed Ali', 'علي محمد', 'check'],
    // Nothing to compare.
    ['Mohamed', '', 'check'],
    ['---', 'محمد', 'check'],
  ])('%s / %s → %s', (a, b, hint) => {
    expect(compareNames(a, b)).toBe(hint);
    expect(compareNames(b, a)).toBe(hint);
  });

  it('cannot tell names whose consonants are the same (محمود / Mohamed): a hint, staff still read both', () => {
    expect(compareNames('محمود', 'Mohamed')).toBe('likely_same');
  });
});

describe('a request’s fields', () => {
  it.each([
    [{ documentKind: 'passport', fullName: 'محمد أحمد علي' }, {}],
    [{ documentKind: 'residence_card', fullName: 'Zoë O’Neil-Smith' }, {}],
    [{ documentKind: 'national_id', fullName: 'Ab' }, { fullName: 'verification.name_length' }],
    [{ documentKind: 'national_id', fullName: 'محمد' }, { fullName: 'verification.name_invalid' }],
    [{ documentKind: 'national_id', fullName: 'محمد 0100123456' }, { fullName: 'verification.name_invalid' }],
    [{ documentKind: 'national_id', fullName: 'x'.repeat(50).concat(' ', 'y'.repeat(50)) }, { fullName: 'verification.name_length' }],
    [{ documentKind: 'driving_licence', fullName: 'Sara Ali' }, { documentKind: 'verification.kind_invalid' }],
    [{ documentKind: undefined, fullName: 'Sara Ali' }, { documentKind: 'verification.kind_invalid' }],
  ])('%j → %j', (input, problems) => {
    expect(requestProblems(input)).toEqual(problems);
  });

  it('takes a photo or a PDF as the document and a photo as the selfie, each up to 10 MB', () => {
    const MB = 1024 * 1024;
    expect(fileProblem('document', { type: 'application/pdf', size: 10 * MB })).toBeNull();
    expect(fileProblem('document', { type: 'image/webp', size: 1 })).toBeNull();
    expect(fileProblem('document', { type: 'application/pdf', size: 10 * MB + 1 })).toBe('verification.file_too_large');
    expect(fileProblem('document', { type: 'application/zip', size: 1 })).toBe('verification.document_type');
    expect(fileProblem('document', { type: 'image/gif', size: 1 })).toBe('verification.document_type');
    expect(fileProblem('selfie', { type: 'image/jpeg', size: 1 })).toBeNull();
    expect(fileProblem('selfie', { type: 'application/pdf', size: 1 })).toBe('verification.selfie_type');
  });

  it('wants a reason of 10–1000 characters for a rejection', () => {
    expect(reasonProblem('غير واضحة')).toBe('verification.reason_length');
    expect(reasonProblem('الصورة غير واضحة')).toBeNull();
    expect(reasonProblem('x'.repeat(1001))).toBe('verification.reason_length');
  });

  it.each([
    [{ pending: false, verified: false, replace: false }, null],
    [{ pending: true, verified: false, replace: false }, 'verification.pending'],
    [{ pending: true, verified: true, replace: true }, 'verification.pending'],
    [{ pending: false, verified: true, replace: false }, 'verification.already_verified'],
    [{ pending: false, verified: true, replace: true }, null],
  ])('a new request when %j → %s', (state, problem) => {
    expect(submitProblem(state)).toBe(problem);
  });
});
