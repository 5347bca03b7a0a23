package fasttemplate

import (
	"bytes"
	"errors"
	"html/template"
	"io"
	"reflect"
	"strings"
	"sync"
	"text/template/parse"
)

// The executor runs escaped templates as text/template does, for the
// parts of the language it knows (see the package documentation), without
// looking fields up by name or calling functions through reflection each
// time. It gives up, with errFallBack, on anything it does not handle the
// same way, so that html/template renders the page instead.

// errFallBack stops the executor for html/template to render the page.
var errFallBack = errors.New("render with html/template")

// partialFunc is the kind of function the executor calls itself, besides
// the builtins and the fused escapers: a partial template rendered once
// for its keys, as partialCached in package theme.
type partialFunc = func(name string, data any, keys ...any) (template.HTML, error)

// TextFunc is the other kind of function the executor calls itself: a
// text made from a key and arguments, which cannot fail, such as the
// translation table's T in package theme. Its result is escaped by the
// template like any other text.
type TextFunc = func(key string, args ...any) string

// executor runs the escaped templates of one set.
type executor struct {
	trees    map[string]*parse.Tree // every template of the set, by name
	escapers template.FuncMap       // the fused escapers
	direct   map[string]func(reflect.Value) (string, bool)
	partials map[string]partialFunc // the set's functions of that kind, by name
	texts    map[string]TextFunc    // the set's functions of that kind, by name
	others   map[string]bool        // the set's other functions, which it leaves to html/template
}

// newExecutor returns an executor for the set t, whose templates must be
// escaped, with funcs the functions t was given.
func newExecutor(t *template.Template, funcs template.FuncMap, set *escaperSet) *executor {
	x := &executor{trees: map[string]*parse.Tree{}, escapers: set.funcs, direct: set.direct, partials: map[string]partialFunc{}, texts: map[string]TextFunc{}, others: map[string]bool{}}
	for _, tt := range t.Templates() {
		if tt.Tree != nil && tt.Tree.Root != nil {
			x.trees[tt.Name()] = tt.Tree
		}
	}
	for name, f := range funcs {
		if p, ok := f.(partialFunc); ok {
			x.partials[name] = p
		} else if t, ok := f.(TextFunc); ok {
			x.texts[name] = t
		} else {
			x.others[name] = true // it may even replace a builtin
		}
	}
	return x
}

// handles reports whether the executor runs the template called name and
// every template it calls.
func (x *executor) handles(name string) bool {
	seen := map[string]bool{}
	var check func(name string) bool
	check = func(name string) bool {
		if seen[name] {
			return true
		}
		seen[name] = true
		tree := x.trees[name]
		return tree != nil && x.supported(tree.Root, check)
	}
	return check(name)
}

// supported reports whether the executor handles every node under n; call
// checks the templates n calls.
func (x *executor) supported(n parse.Node, call func(string) bool) bool {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return true
		}
		for _, c := range n.Nodes {
			if !x.supported(c, call) {
				return false
			}
		}
		return true
	case *parse.TextNode, *parse.CommentNode:
		return true
	case *parse.ActionNode:
		return x.pipeSupported(n.Pipe)
	case *parse.IfNode:
		return x.pipeSupported(n.Pipe) && x.supported(n.List, call) && x.supported(n.ElseList, call)
	case *parse.WithNode:
		return x.pipeSupported(n.Pipe) && x.supported(n.List, call) && x.supported(n.ElseList, call)
	case *parse.RangeNode:
		return x.pipeSupported(n.Pipe) && len(n.Pipe.Decl) <= 2 &&
			x.supported(n.List, call) && x.supported(n.ElseList, call)
	case *parse.TemplateNode:
		return (n.Pipe == nil || x.pipeSupported(n.Pipe)) && call(n.Name)
	}
	return false // break, continue and anything newer
}

func (x *executor) pipeSupported(p *parse.PipeNode) bool {
	if p == nil || p.IsAssign {
		return false
	}
	for _, c := range p.Cmds {
		for i, a := range c.Args {
			switch a := a.(type) {
			case *parse.FieldNode, *parse.VariableNode, *parse.DotNode, *parse.StringNode, *parse.BoolNode:
			case *parse.NumberNode:
				// Plain decimal integers only: text/template reads "1.0"
				// as a float and "'a'" as a rune.
				if !a.IsInt || strings.Trim(a.Text, "-0123456789") != "" {
					return false
				}
			case *parse.IdentifierNode:
				if i != 0 || !x.knownFunc(a.Ident) {
					return false
				}
			case *parse.PipeNode:
				if len(a.Decl) > 0 || !x.pipeSupported(a) {
					return false
				}
			default:
				return false
			}
		}
	}
	return true
}

func (x *executor) knownFunc(name string) bool {
	if x.others[name] {
		return false
	}
	switch name {
	case "and", "or", "not", "eq", "ne", "len", "index":
		return true
	}
	if _, ok := x.partials[name]; ok {
		return true
	}
	if _, ok := x.texts[name]; ok {
		return true
	}
	_, ok := x.escapers[name]
	return ok
}

// execute renders the template called name with data into b or, when w
// is not nil, into w through b, as it renders. On errFallBack, or an error
// writing to w, b or w holds part of a page.
func (x *executor) execute(b *bytes.Buffer, w io.Writer, name string, data any) (err error) {
	tree := x.trees[name]
	if tree == nil {
		return errFallBack
	}
	defer func() {
		// A method of the view that panics, or a use of reflection this
		// file did not foresee: html/template reports it as it does.
		if recover() != nil {
			err = errFallBack
		}
	}()
	dot := reflect.ValueOf(data)
	s := &execState{x: x, b: b, out: w, vars: []variable{{"$", dot}}}
	if err := s.walk(dot, tree.Root); err != nil {
		return err
	}
	return s.flush(0)
}

type variable struct {
	name  string
	value reflect.Value
}

type execState struct {
	x     *executor
	b     *bytes.Buffer
	out   io.Writer // where b is emptied into as it fills, or nil
	vars  []variable
	depth int
	// text and html hold the result of a T or partialCached call that an
	// escaper prints at once (beforeEscaper).
	text string
	html template.HTML
}

// flush writes b to out once it holds at least limit bytes.
func (s *execState) flush(limit int) error {
	if s.out == nil || s.b.Len() < limit || s.b.Len() == 0 {
		return nil
	}
	_, err := s.out.Write(s.b.Bytes())
	s.b.Reset()
	return err
}

func (s *execState) walk(dot reflect.Value, n parse.Node) error {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return nil
		}
		for _, c := range n.Nodes {
			if err := s.walk(dot, c); err != nil {
				return err
			}
		}
	case *parse.TextNode:
		s.b.Write(n.Text)
		return s.flush(32 << 10)
	case *parse.CommentNode:
	case *parse.ActionNode:
		if len(n.Pipe.Decl) == 0 {
			if done, err := s.printEscaped(dot, n.Pipe); done || err != nil {
				return err
			}
		}
		v, err := s.pipeline(dot, n.Pipe)
		if err != nil {
			return err
		}
		if len(n.Pipe.Decl) == 0 {
			// Every value an escaped template prints has been through an
			// escaper, which returns a string.
			if v.Kind() != reflect.String {
				return errFallBack
			}
			s.b.WriteString(v.String())
			return s.flush(32 << 10)
		}
	case *parse.IfNode:
		return s.ifOrWith(dot, n.Pipe, n.List, n.ElseList, false)
	case *parse.WithNode:
		return s.ifOrWith(dot, n.Pipe, n.List, n.ElseList, true)
	case *parse.RangeNode:
		return s.rangeOver(dot, n)
	case *parse.TemplateNode:
		tree := s.x.trees[n.Name]
		if tree == nil || s.depth > 100 {
			return errFallBack
		}
		// As text/template: a call without a pipeline has no dot.
		var newDot reflect.Value
		if n.Pipe != nil {
			v, err := s.pipeline(dot, n.Pipe)
			if err != nil {
				return err
			}
			newDot = v
		}
		inner := &execState{x: s.x, b: s.b, out: s.out, vars: []variable{{"$", newDot}}, depth: s.depth + 1}
		return inner.walk(newDot, tree.Root)
	default:
		return errFallBack
	}
	return nil
}

func (s *execState) ifOrWith(dot reflect.Value, p *parse.PipeNode, list, elseList *parse.ListNode, with bool) error {
	mark := len(s.vars)
	defer func() { s.vars = s.vars[:mark] }()
	v, err := s.pipeline(dot, p)
	if err != nil {
		return err
	}
	truth, ok := isTrue(indirectInterface(v))
	if !ok {
		return errFallBack
	}
	if truth {
		if with {
			return s.walk(v, list)
		}
		return s.walk(dot, list)
	}
	return s.walk(dot, elseList)
}

func (s *execState) rangeOver(dot reflect.Value, r *parse.RangeNode) error {
	mark := len(s.vars)
	defer func() { s.vars = s.vars[:mark] }()
	v, err := s.pipeline(dot, r.Pipe)
	if err != nil {
		return err
	}
	v, isNil := indirect(v)
	if isNil {
		return errFallBack // text/template cannot range over it
	}
	if !v.IsValid() {
		return s.walk(dot, r.ElseList)
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
	default:
		return errFallBack // maps, ints, channels and functions
	}
	if v.Len() == 0 {
		return s.walk(dot, r.ElseList)
	}
	inner := len(s.vars)
	for i := range v.Len() {
		elem := v.Index(i)
		// As text/template: the element is the last variable declared,
		// the index the one before it.
		if len(r.Pipe.Decl) > 0 {
			s.vars[len(s.vars)-1].value = elem
		}
		if len(r.Pipe.Decl) > 1 {
			s.vars[len(s.vars)-2].value = reflect.ValueOf(i)
		}
		err := s.walk(elem, r.List)
		s.vars = s.vars[:inner]
		if err != nil {
			return err
		}
	}
	return nil
}

// pipeline evaluates p, declaring its variables.
func (s *execState) pipeline(dot reflect.Value, p *parse.PipeNode) (reflect.Value, error) {
	v, err := s.commands(dot, p.Cmds)
	if err != nil {
		return reflect.Value{}, err
	}
	for _, d := range p.Decl {
		s.vars = append(s.vars, variable{d.Ident[0], v})
	}
	return v, nil
}

// commands evaluates the commands of a pipeline, each given the value of
// the one before.
func (s *execState) commands(dot reflect.Value, cmds []*parse.CommandNode) (reflect.Value, error) {
	var v reflect.Value
	final := false
	for _, c := range cmds {
		var err error
		v, err = s.command(dot, c, v, final)
		if err != nil {
			return reflect.Value{}, err
		}
		final = true
		if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
			v = reflect.ValueOf(v.Interface()) // as text/template does
		}
	}
	return v, nil
}

// printEscaped prints the value of the action's pipeline p when it ends
// with a fused escaper that computes the value's text itself: the text
// goes straight into the page, never into an interface or a
// reflect.Value (two allocations for each value a page prints). It
// reports false, having printed nothing, for any other pipeline or value.
func (s *execState) printEscaped(dot reflect.Value, p *parse.PipeNode) (bool, error) {
	last := len(p.Cmds) - 1
	if last < 1 || len(p.Cmds[last].Args) != 1 {
		return false, nil
	}
	id, ok := p.Cmds[last].Args[0].(*parse.IdentifierNode)
	if !ok {
		return false, nil
	}
	direct := s.x.direct[id.Ident]
	if direct == nil {
		return false, nil
	}
	v, err := s.beforeEscaper(dot, p.Cmds[:last])
	if err != nil {
		return false, err
	}
	text, ok := direct(v)
	if !ok {
		// html/template's own escaping, on the value already worked out.
		f := s.x.escapers[id.Ident].(func(any) string)
		text = f(valueOf(v))
	}
	s.b.WriteString(text)
	return true, s.flush(32 << 10)
}

// beforeEscaper evaluates the commands of a pipeline before its escaper.
// A lone call of T or partialCached, the commonest, leaves its text in the
// execState for the escaper to read at once (see printEscaped), rather
// than in a reflect.Value of its own.
func (s *execState) beforeEscaper(dot reflect.Value, cmds []*parse.CommandNode) (reflect.Value, error) {
	if len(cmds) == 1 {
		if id, ok := cmds[0].Args[0].(*parse.IdentifierNode); ok {
			if text, ok := s.x.texts[id.Ident]; ok {
				t, err := s.callText(text, dot, cmds[0].Args[1:], reflect.Value{}, false)
				if err != nil {
					return reflect.Value{}, err
				}
				s.text = t
				return reflect.ValueOf(&s.text).Elem(), nil
			}
			if partial, ok := s.x.partials[id.Ident]; ok {
				h, err := s.callPartial(partial, dot, cmds[0].Args[1:], reflect.Value{}, false)
				if err != nil {
					return reflect.Value{}, err
				}
				s.html = h
				return reflect.ValueOf(&s.html).Elem(), nil
			}
		}
	}
	return s.commands(dot, cmds)
}

// command evaluates one command of a pipeline; final is the value of the
// commands before it, when hasFinal.
func (s *execState) command(dot reflect.Value, c *parse.CommandNode, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	switch n := c.Args[0].(type) {
	case *parse.IdentifierNode:
		return s.call(dot, n.Ident, c.Args[1:], final, hasFinal)
	}
	if len(c.Args) > 1 || hasFinal {
		return reflect.Value{}, errFallBack // arguments to a method or field
	}
	return s.operand(dot, c.Args[0])
}

// operand evaluates a value: a field chain, a variable, dot, a constant or
// a parenthesised pipeline.
func (s *execState) operand(dot reflect.Value, n parse.Node) (reflect.Value, error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot, nil
	case *parse.FieldNode:
		return s.fields(dot, n.Ident)
	case *parse.VariableNode:
		v, ok := s.variable(n.Ident[0])
		if !ok {
			return reflect.Value{}, errFallBack
		}
		return s.fields(v, n.Ident[1:])
	case *parse.StringNode:
		// The node's own text: a string put in a reflect.Value is an
		// allocation, a pointer to it is none.
		return reflect.ValueOf(&n.Text).Elem(), nil
	case *parse.BoolNode:
		return reflect.ValueOf(n.True), nil
	case *parse.NumberNode:
		if n.IsInt && int64(int(n.Int64)) == n.Int64 {
			return reflect.ValueOf(int(n.Int64)), nil
		}
	case *parse.PipeNode:
		mark := len(s.vars)
		v, err := s.pipeline(dot, n)
		s.vars = s.vars[:mark]
		return v, err
	}
	return reflect.Value{}, errFallBack
}

func (s *execState) variable(name string) (reflect.Value, bool) {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value, true
		}
	}
	return reflect.Value{}, false
}

// fields follows the field names from v, as text/template does for the
// structs, pointers and interfaces a page's view is made of.
func (s *execState) fields(v reflect.Value, names []string) (reflect.Value, error) {
	for _, name := range names {
		if !v.IsValid() {
			return reflect.Value{}, nil // text/template gives no value, without error
		}
		r, isNil := indirect(v)
		if isNil || r.Kind() != reflect.Struct {
			return reflect.Value{}, errFallBack
		}
		a := accessorFor(r.Type(), name, r.CanAddr())
		if a.method >= 0 {
			m, err := callMethod(r, a)
			if err != nil {
				return reflect.Value{}, err
			}
			v = m
			continue
		}
		if a.index == nil {
			return reflect.Value{}, errFallBack
		}
		f, err := r.FieldByIndexErr(a.index)
		if err != nil {
			return reflect.Value{}, errFallBack
		}
		v = f
	}
	return v, nil
}

// accessor says how a name is looked up on a struct type: as one of its
// (or its pointer's) methods, which text/template prefers, or as an
// exported field.
type accessor struct {
	method int   // the method's index, or -1 when name is not a method
	onPtr  bool  // the method is called on the value's address
	index  []int // the field, or nil when there is none
}

// callMethod calls the method a names on r, as text/template calls one
// given no arguments: it must take none and return a value and perhaps an
// error, which must be nil.
func callMethod(r reflect.Value, a accessor) (reflect.Value, error) {
	if a.onPtr {
		r = r.Addr()
	}
	m := r.Method(a.method)
	t := m.Type()
	if t.NumIn() != 0 || t.NumOut() == 0 || t.NumOut() > 2 || (t.NumOut() == 2 && t.Out(1) != reflect.TypeFor[error]()) {
		return reflect.Value{}, errFallBack
	}
	out := m.Call(nil)
	if len(out) == 2 && !out[1].IsNil() {
		return reflect.Value{}, errFallBack
	}
	return out[0], nil
}

type accessorKey struct {
	t        reflect.Type
	name     string
	pointers bool // the value is addressable: its pointer's methods count
}

var accessors sync.Map // accessorKey → accessor

func accessorFor(t reflect.Type, name string, addressable bool) accessor {
	key := accessorKey{t, name, addressable}
	if a, ok := accessors.Load(key); ok {
		return a.(accessor)
	}
	a := accessor{method: -1}
	mt := t
	if addressable {
		mt = reflect.PointerTo(t)
	}
	if m, ok := mt.MethodByName(name); ok {
		a.method, a.onPtr = m.Index, addressable
	} else if f, ok := t.FieldByName(name); ok && f.IsExported() {
		a.index = f.Index
	}
	accessors.Store(key, a)
	return a
}

// evalArgs evaluates args and, when hasFinal, takes final after them.
func (s *execState) evalArgs(dot reflect.Value, args []parse.Node, final reflect.Value, hasFinal bool) ([]reflect.Value, error) {
	vals := make([]reflect.Value, 0, len(args)+1)
	for _, a := range args {
		v, err := s.operand(dot, a)
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
	}
	if hasFinal {
		vals = append(vals, final)
	}
	return vals, nil
}

// callPartial calls a partial function (partialCached) with args.
func (s *execState) callPartial(partial partialFunc, dot reflect.Value, args []parse.Node, final reflect.Value, hasFinal bool) (template.HTML, error) {
	vals, err := s.evalArgs(dot, args, final, hasFinal)
	if err != nil || len(vals) < 2 {
		return "", errFallBack
	}
	pname := indirectInterface(vals[0])
	if !pname.IsValid() || pname.Type() != reflect.TypeFor[string]() {
		return "", errFallBack
	}
	keys := make([]any, len(vals)-2)
	for i, k := range vals[2:] {
		keys[i] = valueOf(k)
	}
	h, err := partial(pname.String(), valueOf(vals[1]), keys...)
	if err != nil {
		return "", errFallBack // html/template reports it
	}
	return h, nil
}

// callText calls a text function (the translation table's T) with args.
func (s *execState) callText(text TextFunc, dot reflect.Value, args []parse.Node, final reflect.Value, hasFinal bool) (string, error) {
	// text/template converts the first argument to the function's
	// string; anything else is its error to report.
	vals, err := s.evalArgs(dot, args, final, hasFinal)
	if err != nil || len(vals) == 0 {
		return "", errFallBack
	}
	key := indirectInterface(vals[0])
	if !key.IsValid() || key.Type() != reflect.TypeFor[string]() {
		return "", errFallBack
	}
	rest := make([]any, len(vals)-1)
	for i, v := range vals[1:] {
		if !v.IsValid() {
			return "", errFallBack // text/template refuses a missing value
		}
		rest[i] = valueOf(v)
	}
	return text(key.String(), rest...), nil
}

// call calls the function name with args and, when hasFinal, final as its
// last argument.
func (s *execState) call(dot reflect.Value, name string, args []parse.Node, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	if f, ok := s.x.escapers[name]; ok {
		if len(args) != 0 || !hasFinal {
			return reflect.Value{}, errFallBack
		}
		if s, ok := s.x.direct[name](final); ok {
			return reflect.ValueOf(s), nil // the value as it is, not in an interface
		}
		return reflect.ValueOf(f.(func(any) string)(valueOf(final))), nil
	}
	// Everything below takes its arguments evaluated, in order (evalArgs).
	var vals []reflect.Value
	eval := func() (err error) {
		vals, err = s.evalArgs(dot, args, final, hasFinal)
		return err
	}
	if partial, ok := s.x.partials[name]; ok {
		h, err := s.callPartial(partial, dot, args, final, hasFinal)
		if err != nil {
			return reflect.Value{}, err
		}
		return reflect.ValueOf(h), nil
	}
	if text, ok := s.x.texts[name]; ok {
		t, err := s.callText(text, dot, args, final, hasFinal)
		if err != nil {
			return reflect.Value{}, err
		}
		return reflect.ValueOf(t), nil
	}
	switch name {
	case "and", "or":
		// Short-circuit, as text/template does: the first false (and) or
		// true (or) argument is the result, else the last.
		var v reflect.Value
		all := len(args)
		if hasFinal {
			all++
		}
		for i := range all {
			if i < len(args) {
				var err error
				if v, err = s.operand(dot, args[i]); err != nil {
					return reflect.Value{}, err
				}
			} else {
				v = final
			}
			// text/template refuses no value here.
			truth, ok := isTrue(indirectInterface(v))
			if !ok || !v.IsValid() {
				return reflect.Value{}, errFallBack
			}
			if truth == (name == "or") {
				return v, nil
			}
		}
		return v, nil
	case "not":
		if err := eval(); err != nil || len(vals) != 1 || !vals[0].IsValid() {
			return reflect.Value{}, errFallBack
		}
		truth, ok := isTrue(indirectInterface(vals[0]))
		if !ok {
			return reflect.Value{}, errFallBack
		}
		return reflect.ValueOf(!truth), nil
	case "eq", "ne":
		if err := eval(); err != nil || len(vals) < 2 || (name == "ne" && len(vals) != 2) {
			return reflect.Value{}, errFallBack
		}
		a := indirectInterface(vals[0])
		equal := false
		for _, b := range vals[1:] {
			e, ok := basicEqual(a, indirectInterface(b))
			if !ok {
				return reflect.Value{}, errFallBack
			}
			equal = equal || e
		}
		return reflect.ValueOf(equal == (name == "eq")), nil
	case "len":
		if err := eval(); err != nil || len(vals) != 1 {
			return reflect.Value{}, errFallBack
		}
		v, isNil := indirect(vals[0])
		if isNil || !v.IsValid() {
			return reflect.Value{}, errFallBack
		}
		switch v.Kind() {
		case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
			return reflect.ValueOf(v.Len()), nil
		}
		return reflect.Value{}, errFallBack
	case "index":
		if err := eval(); err != nil || len(vals) != 2 {
			return reflect.Value{}, errFallBack
		}
		m, key := indirectInterface(vals[0]), indirectInterface(vals[1])
		if !m.IsValid() || m.Kind() != reflect.Map || m.IsNil() || !key.IsValid() || key.Type() != m.Type().Key() {
			return reflect.Value{}, errFallBack
		}
		if v := m.MapIndex(key); v.IsValid() {
			return v, nil
		}
		return reflect.Zero(m.Type().Elem()), nil
	}
	return reflect.Value{}, errFallBack
}

// valueOf is the value a function taking any receives for v.
func valueOf(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

// basicEqual compares two strings, two signed integers or two booleans, and
// reports false for any other pair.
func basicEqual(a, b reflect.Value) (equal, ok bool) {
	if !a.IsValid() || !b.IsValid() {
		return false, false
	}
	switch ka, kb := a.Kind(), b.Kind(); {
	case ka == reflect.String && kb == reflect.String:
		return a.String() == b.String(), true
	case ka == reflect.Bool && kb == reflect.Bool:
		return a.Bool() == b.Bool(), true
	case isSignedInt(ka) && isSignedInt(kb):
		return a.Int() == b.Int(), true
	}
	return false, false
}

func isSignedInt(k reflect.Kind) bool {
	return k >= reflect.Int && k <= reflect.Int64
}

// isTrue is text/template's truth: false for a zero number, an empty
// string, slice or map, a nil pointer, and no value.
func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}

// indirect follows pointers and interfaces to the value they hold,
// reporting a nil one on the way.
func indirect(v reflect.Value) (reflect.Value, bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface returns the value an interface holds.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface || v.IsNil() {
		return v
	}
	return v.Elem()
}
