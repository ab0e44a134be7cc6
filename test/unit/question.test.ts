import { AMOUNT, amountAsked, answerCue, conditionSpans, countedNoun, cueSpans, MONEY, quantityAsked } from '../../src/core/question';
import { tag } from '../../src/core/nlp';

describe('answerCue', () => {
  it.each([
    ['How long did the meeting last?', 'DURATION', 'How long'],
    ['How much time did they spend together?', 'DURATION', 'How much time'],
    ['How much longer did teenagers sleep without phones?', 'DURATION', 'How much longer'],
    ['How much more did it cost?', 'NUMBER', 'How much'],
    ['How tall is the Osei Tower?', 'NUMBER', 'How tall'],
    ['How far is the airport from the town?', 'NUMBER', 'How far'],
    ["What was Norvance's revenue for the quarter?", 'NUMBER', 'What was'],
    ['What is the population of Warsaw?', 'NUMBER', 'What is'],
    ["What's the population of Warsaw?", 'NUMBER', "What's"],
    ["What's the name of the ship?", 'NAME', "What's the name of"],
    ['What was the total attendance at the match?', 'NUMBER', 'What was'],
    ['What magnitude did the agency measure for the quake?', 'NUMBER', 'What magnitude'],
    ['What was the magnitude of the quake?', 'NUMBER', 'What was'],
    ['How many islands are in dispute?', 'NUMBER', 'How many'],
    ['When did Putin visit Japan?', 'DATE', 'When'],
    ['On which day of the week was the meeting held?', 'DATE', 'On which day of the week'],
    ['Where did the meeting take place?', 'PLACE', 'Where'],
    ['Who sent a New Year message?', 'PERSON', 'Who'],
    ['What is the name of the Japanese foreign minister?', 'NAME', 'What is the name of'],
    ['Which islands are disputed?', 'LIST', 'Which'],
    ['Which Russian leader visited Japan?', 'PERSON', 'Which'],
    ['Which spokesperson gave the readout?', 'PERSON', 'Which'],
    ['Which spokeswoman spoke first?', 'PERSON', 'Which'],
    ['Which anniversary celebrations are mentioned?', 'THING', 'Which'],
    ['What kind of activities were agreed?', 'THING', 'What kind of'],
    ['What did Putin send to Abe?', 'OBJECT', 'What did'],
    // The opening interrogative decides over a cue word later in the question.
    ['Who scored twice when Rovers beat United?', 'PERSON', 'Who'],
    ['Where did they meet when Abe was in Moscow?', 'PLACE', 'Where'],
    ['How many people came when the hall opened?', 'NUMBER', 'How many'],
    // A clause opening the question asks nothing: what follows its comma does.
    ['When John Fox left the Broncos, who replaced him?', 'PERSON', 'who'],
    ['After the takeover, what did the State Department demand?', 'OBJECT', 'what did'],
    ['If the talks fail, how many ferries will run?', 'NUMBER', 'how many'],
    ['When did Obama, who was then a senator, visit Kenya?', 'DATE', 'When'],
    // "Who" in a name asks nothing: the question's own interrogative decides.
    ['When did Doctor Who first air?', 'DATE', 'When'],
    ['Who toured with The Who?', 'PERSON', 'Who'],
    ['What did Doctor Who use to escape?', 'OBJECT', 'What did'],
  ])('%s -> %s', (question, type, cue) => {
    const found = answerCue(question);
    expect(found?.type).toBe(type);
    expect(question.slice(found!.start, found!.end)).toBe(cue);
  });

  it('reads no quantity in a noun that only modifies another', () => {
    expect(answerCue('What was the population density?')?.type).not.toBe('NUMBER');
    expect(answerCue('What is the revenue model of the firm?')?.type).not.toBe('NUMBER');
  });

  it('reads a "when" after another interrogative as joining a clause, not asking a time', () => {
    // Before: DATE, and "December" answered the first.
    expect(answerCue('What summit was Niger taking part in when Blinken met Bazoum online?')?.type).toBe('THING');
    expect(answerCue('What happens when starch grains become overly large?')?.type).not.toBe('DATE');
    expect(answerCue('Why did they leave when the war began?')?.type).not.toBe('DATE');
    // "When" opening or closing the question still asks.
    expect(answerCue('When did the war begin?')?.type).toBe('DATE');
    expect(answerCue('The war began when?')?.type).toBe('DATE');
    expect(answerCue('What year was it when the war began?')?.type).toBe('DATE');
  });

  it('reads "which" and "what" after a preposition as opening the question', () => {
    // Before: no cue at all.
    expect(answerCue('In which direction does the Rhine flow?')?.type).toBe('THING');
    expect(answerCue('From which port did the ship sail?')?.type).toBe('THING');
    expect(answerCue('In what way did the tin change?')?.type).toBe('THING');
    expect(answerCue('Against which team did Rovers play?')?.type).toBe('THING');
    // A more precise cue still comes first, and a kind of place asks for a place.
    expect(answerCue('In which year did the ship sail?')?.type).toBe('DATE');
    expect(answerCue('In which city did the ship dock?')?.type).toBe('PLACE');
    expect(answerCue('In which state was Hale born?')?.type).toBe('PLACE');
    // A reason or a degree is no thing.
    expect(answerCue('For what reason did they leave?')).toBeUndefined();
    expect(answerCue('To what extent did prices rise?')).toBeUndefined();
  });

  it('finds no cue in a question that wants an explanation', () => {
    expect(answerCue('Why have Russia and Japan never signed a peace treaty?')).toBeUndefined();
  });

  it('takes no "Who" in a name for a question about a person', () => {
    expect(answerCue('What Doctor Who episode won a Hugo Award in 2010?')?.type).not.toBe('PERSON');
    expect(answerCue('Why did The Who split?')).toBeUndefined();
    // In lower case it asks: "the man who".
    expect(answerCue('Which man who met Lavrov spoke first?')?.type).toBe('PERSON');
  });

  it('treats "take place" and "held" as part of a where/when cue, not as topic words', () => {
    const question = 'Where did the meeting take place?';
    expect(cueSpans(question, answerCue(question)).map(([s, e]) => question.slice(s, e))).toEqual(['Where', 'take place']);
  });

  it.each([
    ['What does RSF stand for?', 'stand for'],
    ['What is NFL short for?', 'short for'],
    ['What is CLTG an acronym for?', 'acronym for'],
  ])('treats the words asking for an expansion as cue words: %s', (question, words) => {
    expect(cueSpans(question, answerCue(question)).map(([s, e]) => question.slice(s, e))).toContain(words);
  });

  it('finds them without any other cue', () => {
    expect(cueSpans('RSF stands for?', undefined).map(([s, e]) => 'RSF stands for?'.slice(s, e))).toEqual(['stands for']);
  });
});

describe('conditionSpans', () => {
  const clauses = (question: string) => conditionSpans(question).map(({ start, end }) => question.slice(start, end));

  it.each([
    ['Who became prime minister after Hamdok resigned?', 'Hamdok resigned?'],
    ['Who scored twice for Rovers until Saturday?', 'Saturday?'],
    ['What happens to the ferry unless the strike ends?', 'the strike ends?'],
    ['Who will lead once the talks end?', 'the talks end?'],
    ['If the talks fail, who leads?', 'the talks fail'],
    ['After the takeover, what did the State Department demand?', 'the takeover'],
    ['When John Fox left the Broncos, who replaced him?', 'John Fox left the Broncos'],
    ['Once the talks end, who leads?', 'the talks end'],
    // A concession sets the condition too (before: no clause).
    ['Which kind of aid keeps going despite the pause?', 'the pause?'],
    ['Although the vote was close, who won?', 'the vote was close'],
  ])('the clause of %s lies after its connective', (question, clause) => {
    expect(clauses(question)).toEqual([clause]);
  });

  it('finds a clause opening the question and one closing it', () => {
    expect(clauses('After the call, who pressed for talks after Soto resigned?')).toEqual(['the call', 'Soto resigned?']);
  });

  it.each([
    'Who once scored twice for Rovers?',
    'Who scored twice for Rovers once again?',
    'When did the talks fail?',
    // Questions asking when, with a comma of their own.
    'When was Apollo 6, or AS-502, tested?',
    'When did Obama, who was then a senator, visit Kenya?',
    'When was the treaty, whose terms were secret, signed?',
    'When in 1990, did the wall fall?',
    // "Once" as an adverb.
    'Once again, who won?',
  ])('finds none in %s', (question) => {
    expect(conditionSpans(question)).toEqual([]);
  });

  it('takes an opening clause of at most a few hundred characters, and a word cut at that bound for none', () => {
    expect(conditionSpans(`If ${'the talks fail and '.repeat(1000)}then, who leads?`)).toEqual([]);
    expect(conditionSpans(`If ${'x'.repeat(293)}, dogs bark loudly?`)).toEqual([]);
  });
});

describe('countedNoun', () => {
  it.each([
    ['How many trains did Westline run?', 'train'],
    ['How many of the economists expected a cut?', 'economist'],
    ['How many major bus stations are in the city?', 'station'],
    ['How many did they sell?', undefined],
    // A people's name in the plural counts people of it.
    ['How many Brazilians were aboard the plane?', 'brazilian'],
    ['How many Britons were hurt?', 'briton'],
    // Not any name in the plural.
    ['How many Simmons were hurt?', undefined],
    ['How many times a year does the council meet?', undefined],
    // A name of two words before a noun names what is counted.
    ['How many Doctor Who soundtracks have been released?', 'soundtrack'],
    ['How much did it cost?', 'monetary unit'],
    ['How much does a driver earn?', 'monetary unit'],
    ['How much did prices rise?', undefined],
    // Its last word is the verb, though the tagger reads a noun.
    ['How much did the chartered repatriation flight from Batam cost?', 'monetary unit'],
    ['How much of the cost did the city pay?', undefined],
    ['How much did the flight cost the ministry?', 'monetary unit'],
    // With a verb of its own, a word of paying is its object: a share may answer.
    ['How much will the merger reduce costs?', undefined],
    ['How much did the retailer cut pay?', undefined],
  ])('%s -> %s', (question, expected) => {
    const cue = answerCue(question)!;
    expect(countedNoun(tag(question).tokens, cue, (word) => ['brazilian', 'briton'].includes(word.toLowerCase()))).toBe(expected);
  });
});

describe('quantityAsked', () => {
  it.each([
    ["What was Pell Freight's profit last year?", 'profit'],
    ['What is the population of Warsaw?', 'population'],
    ['What was the death toll?', 'toll'],
    // A price is written many ways: not checked.
    ['What was the cost of the tickets?', undefined],
    ['What was the value of trade between the two countries?', undefined],
    ['How many people live in Warsaw?', undefined],
  ])('%s -> %s', (question, expected) => {
    expect(quantityAsked(question, answerCue(question)!)).toBe(expected);
  });

  it.each([
    ['What was the cost of the tickets?', MONEY],
    ["What is the company's worth?", MONEY],
    ['What was the value of trade between the two countries?', AMOUNT],
    ['What was the value of the Nikkei at the close?', AMOUNT],
    ["What's the value of trade between the two countries?", AMOUNT],
    ['What’s the price of a ticket?', MONEY],
    ["What was Pell Freight's profit last year?", undefined],
    ['What is the population of Warsaw?', undefined],
  ])('%s counts %s', (question, expected) => {
    expect(amountAsked(question, answerCue(question)!)).toBe(expected);
  });
});
