/**
 * Types of the `.pyjama` annotation format (geoffroypeeters/pyjama v1.41; mir-tutorial.md §2). Definitions are
 * normalised to the snake_case keys of v1.4+ (v1.31 camelCase and `column_name` are mapped on read).
 */

/** `type_content` of a description. */
export type PyjamaContent = 'text' | 'numeric';
/** `type_extent` of a description. */
export type PyjamaExtent = 'global' | 'marker' | 'segment' | 'breakpoint' | 'breakpoint_time' | 'breakpoint_value';
/** `type_constraint` of a description. */
export type PyjamaConstraint = 'free' | 'filepath' | 'value_in_dictionary';

/** `collection.descriptiondefinition[name]`. */
export interface PyjamaDefinition {
  type_content: PyjamaContent;
  type_extent: PyjamaExtent;
  type_constraint: PyjamaConstraint;
  /** Text: allowed strings; numeric: `[min, max]`. */
  dictionary: (string | number)[];
  /** Dimension names of breakpoint data (v1.31 `columnName` / `column_name`). */
  row_name: string[];
  is_table?: boolean;
  is_editable?: boolean;
  is_filter?: boolean;
  generator?: Record<string, unknown>;
}

/** A scalar, a list, or a (nb_dim, T) matrix. */
export type PyjamaValue = string | number | PyjamaValue[];

/** One annotation atom. Scalars are stored unwrapped (a one-element list is written as its element). */
export interface PyjamaAtom {
  value: PyjamaValue;
  time?: number | number[];
  duration?: number | number[];
  confidence?: number | number[];
  start_freq?: number | number[];
  end_freq?: number | number[];
  comment?: string;
}

/** One item (audio file): description name → atoms. A name may be absent; an empty list is common. */
export type PyjamaEntry = Record<string, PyjamaAtom[]>;

/** A whole `.pyjama` file. */
export interface PyjamaFile {
  /** Varies between files (`"1.41"`, `1.4`, `1.31`); never branch on it. */
  schemaversion: number | string;
  collection: {
    descriptiondefinition: Record<string, PyjamaDefinition>;
    entry: PyjamaEntry[];
  };
}
