//! The tokenizer and recursive-descent parser of the condition language, with a depth limit.

use super::{Condition, ConditionProblem, MAX_CONDITION_DEPTH, MAX_CONDITION_LEN};

/// Parses `text`, resolving names with `lookup` (see [`Condition::parse`]).
pub(super) fn parse(
    text: &str,
    lookup: &dyn Fn(&str) -> Option<usize>,
) -> Result<Condition, ConditionProblem> {
    if text.len() > MAX_CONDITION_LEN {
        return Err(ConditionProblem::Syntax {
            column: 1,
            message: format!("condition longer than {MAX_CONDITION_LEN} bytes"),
        });
    }
    let tokens = tokenize(text)?;
    let mut parser = Parser {
        tokens: &tokens,
        pos: 0,
        depth: 0,
        end_column: text.chars().count() + 1,
        lookup,
    };
    let cond = parser.iff()?;
    if let Some((tok, col)) = parser.tokens.get(parser.pos) {
        return Err(ConditionProblem::Syntax {
            column: *col,
            message: format!("unexpected {}", tok.describe()),
        });
    }
    Ok(cond)
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Name(String),
    Not,
    And,
    Or,
    Implies,
    Iff,
    Open,
    Close,
}

impl Token {
    fn describe(&self) -> String {
        match self {
            Token::Name(n) => format!("name `{n}`"),
            Token::Not => "`!`".into(),
            Token::And => "`&`".into(),
            Token::Or => "`|`".into(),
            Token::Implies => "`->`".into(),
            Token::Iff => "`<->`".into(),
            Token::Open => "`(`".into(),
            Token::Close => "`)`".into(),
        }
    }
}

fn tokenize(text: &str) -> Result<Vec<(Token, usize)>, ConditionProblem> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        let syntax = |message: String| ConditionProblem::Syntax {
            column: col,
            message,
        };
        match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '!' => out.push((Token::Not, col)),
            '&' => out.push((Token::And, col)),
            '|' => out.push((Token::Or, col)),
            '(' => out.push((Token::Open, col)),
            ')' => out.push((Token::Close, col)),
            '-' => {
                if chars.get(i + 1) == Some(&'>') {
                    out.push((Token::Implies, col));
                    i += 1;
                } else {
                    return Err(syntax("expected `->`".into()));
                }
            }
            '<' => {
                if chars.get(i + 1) == Some(&'-') && chars.get(i + 2) == Some(&'>') {
                    out.push((Token::Iff, col));
                    i += 2;
                } else {
                    return Err(syntax("expected `<->`".into()));
                }
            }
            '`' => {
                let start = i + 1;
                let mut j = start;
                while j < chars.len() && chars[j] != '`' {
                    j += 1;
                }
                if j >= chars.len() {
                    return Err(syntax("unterminated backtick name".into()));
                }
                let name: String = chars[start..j].iter().collect();
                if name.is_empty() {
                    return Err(syntax("empty backtick name".into()));
                }
                out.push((Token::Name(name), col));
                i = j;
            }
            c if c.is_alphabetic() || c == '_' => {
                let start = i;
                while i + 1 < chars.len() && (chars[i + 1].is_alphanumeric() || chars[i + 1] == '_')
                {
                    i += 1;
                }
                out.push((Token::Name(chars[start..=i].iter().collect()), col));
            }
            other => return Err(syntax(format!("unexpected character `{other}`"))),
        }
        i += 1;
    }
    Ok(out)
}

struct Parser<'a> {
    tokens: &'a [(Token, usize)],
    pos: usize,
    depth: usize,
    end_column: usize,
    lookup: &'a dyn Fn(&str) -> Option<usize>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|(t, _)| t)
    }

    fn column(&self) -> usize {
        self.tokens
            .get(self.pos)
            .map(|(_, c)| *c)
            .unwrap_or(self.end_column)
    }

    fn enter(&mut self) -> Result<(), ConditionProblem> {
        self.depth += 1;
        if self.depth > MAX_CONDITION_DEPTH {
            return Err(ConditionProblem::Syntax {
                column: self.column(),
                message: format!("nested deeper than {MAX_CONDITION_DEPTH} levels"),
            });
        }
        Ok(())
    }

    fn iff(&mut self) -> Result<Condition, ConditionProblem> {
        self.enter()?;
        let mut left = self.implies()?;
        while self.peek() == Some(&Token::Iff) {
            self.pos += 1;
            let right = self.implies()?;
            left = Condition::Iff(Box::new(left), Box::new(right));
        }
        self.depth -= 1;
        Ok(left)
    }

    fn implies(&mut self) -> Result<Condition, ConditionProblem> {
        self.enter()?;
        let left = self.or()?;
        let out = if self.peek() == Some(&Token::Implies) {
            self.pos += 1;
            let right = self.implies()?;
            Condition::Implies(Box::new(left), Box::new(right))
        } else {
            left
        };
        self.depth -= 1;
        Ok(out)
    }

    fn or(&mut self) -> Result<Condition, ConditionProblem> {
        let mut left = self.and()?;
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            let right = self.and()?;
            left = Condition::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Condition, ConditionProblem> {
        let mut left = self.unary()?;
        while self.peek() == Some(&Token::And) {
            self.pos += 1;
            let right = self.unary()?;
            left = Condition::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Condition, ConditionProblem> {
        self.enter()?;
        let col = self.column();
        let out = match self.tokens.get(self.pos) {
            Some((Token::Not, _)) => {
                self.pos += 1;
                Condition::Not(Box::new(self.unary()?))
            }
            Some((Token::Open, _)) => {
                self.pos += 1;
                let inner = self.iff()?;
                if self.peek() != Some(&Token::Close) {
                    return Err(ConditionProblem::Syntax {
                        column: self.column(),
                        message: "expected `)`".into(),
                    });
                }
                self.pos += 1;
                inner
            }
            Some((Token::Name(name), _)) => {
                self.pos += 1;
                match (self.lookup)(name) {
                    Some(k) => Condition::Option(k),
                    None => return Err(ConditionProblem::UnknownOption(name.clone())),
                }
            }
            Some((tok, _)) => {
                return Err(ConditionProblem::Syntax {
                    column: col,
                    message: format!(
                        "expected an option name, `!` or `(`, found {}",
                        tok.describe()
                    ),
                })
            }
            None => {
                return Err(ConditionProblem::Syntax {
                    column: col,
                    message: "expected an option name, `!` or `(`, found the end".into(),
                })
            }
        };
        self.depth -= 1;
        Ok(out)
    }
}
