declare module 'wink-porter2-stemmer' {
  /** Stems one lower-case English word with the Porter2 ("English") algorithm. */
  function stem(word: string): string;
  export = stem;
}
