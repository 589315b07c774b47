package main

import (
	"fmt"
	"sync"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// pagingCollector honours RetrievePropertiesEx's maxObjects and serves ContinueRetrievePropertiesEx,
// as vCenter does; the simulator alone returns everything in one page. The simulator makes one
// instance per session by reflection, so the zero value must work.
type pagingCollector struct {
	simulator.PropertyCollector

	mu      sync.Mutex
	pending map[string]rest
	next    int
}

// rest is what a paged retrieval has still to send, and the page size its first request asked for.
type rest struct {
	objects []types.ObjectContent
	size    int
}

func installPagingCollector() {
	ref := simulator.Map.Get(vim25.ServiceInstance).(*simulator.ServiceInstance).Content.PropertyCollector
	pc := &pagingCollector{}
	pc.Self = ref
	simulator.Map.Put(pc)
}

func (pc *pagingCollector) RetrievePropertiesEx(ctx *simulator.Context, r *types.RetrievePropertiesEx) soap.HasFault {
	res := pc.PropertyCollector.RetrievePropertiesEx(ctx, r)
	body, ok := res.(*methods.RetrievePropertiesExBody)
	if !ok || body.Res == nil || r.Options.MaxObjects <= 0 {
		return res
	}
	body.Res.Returnval = pc.page(body.Res.Returnval.Objects, int(r.Options.MaxObjects))
	return body
}

func (pc *pagingCollector) ContinueRetrievePropertiesEx(ctx *simulator.Context, r *types.ContinueRetrievePropertiesEx) soap.HasFault {
	body := &methods.ContinueRetrievePropertiesExBody{}
	pc.mu.Lock()
	left, ok := pc.pending[r.Token]
	delete(pc.pending, r.Token)
	pc.mu.Unlock()
	if !ok {
		body.Fault_ = simulator.Fault("unknown token "+r.Token, &types.InvalidArgument{InvalidProperty: "token"})
		return body
	}
	rr := pc.page(left.objects, left.size)
	body.Res = &types.ContinueRetrievePropertiesExResponse{Returnval: *rr}
	return body
}

func (pc *pagingCollector) CancelRetrievePropertiesEx(ctx *simulator.Context, r *types.CancelRetrievePropertiesEx) soap.HasFault {
	pc.mu.Lock()
	delete(pc.pending, r.Token)
	pc.mu.Unlock()
	return &methods.CancelRetrievePropertiesExBody{Res: &types.CancelRetrievePropertiesExResponse{}}
}

func (pc *pagingCollector) page(all []types.ObjectContent, max int) *types.RetrieveResult {
	if len(all) <= max {
		return &types.RetrieveResult{Objects: all}
	}
	pc.mu.Lock()
	if pc.pending == nil {
		pc.pending = map[string]rest{}
	}
	pc.next++
	token := fmt.Sprintf("page-%d", pc.next)
	pc.pending[token] = rest{objects: all[max:], size: max}
	pc.mu.Unlock()
	return &types.RetrieveResult{Token: token, Objects: all[:max]}
}
