"""Registry pages. Views parse input, call a selector or service, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.accounts.scope import Action, communities_for, may
from jianfu.core import compiled
from jianfu.core.masking import mask_id_number, mask_phone
from jianfu.orgs.models import Grid
from jianfu.registry import permissions, selectors, services
from jianfu.registry.choices import AttributeType
from jianfu.registry.forms import (
    AttributeForm,
    PersonAddForm,
    PersonSearchForm,
    PersonValuesForm,
    PriorityForm,
    ResolveForm,
    RevealForm,
    SettleForm,
    SourceRulesForm,
    SourceSettingsForm,
    SynonymForm,
    TagForm,
)
from jianfu.registry.models import Attribute, Person, Source
from jianfu.registry.permissions import may_change_dictionary
from jianfu.registry.tags import source_set_default_tag, source_set_department, tag_create


def _need(user, action: Action) -> None:
    if not may(user, action):
        raise Http404


def _grids(user):
    return (
        Grid.objects.filter(community__in=communities_for(user, "view"))
        .select_related("community")
        .only("pk", "name", "community__name")
        .order_by("community__code", "code")
    )


def _tags():
    return Attribute.objects.filter(type=AttributeType.TAG).order_by("sort")


def _search_choices(user) -> tuple[list[tuple[int, str]], list[tuple[str, str]]]:
    """The list's grid and tag choices. Their SQL depends only on the user (and the code), so it is
    compiled once per user (jianfu.core.compiled); the rows are read fresh every time."""
    grids = compiled.rows(
        user, "registry.list.grids", lambda actor: _grids(actor).values("pk", "name", "community__name")
    )
    tags = compiled.rows(user, "registry.list.tags", lambda actor: _tags().values("code", "name"))
    return (
        [(g["pk"], f"{g['community__name']} {g['name']}") for g in grids],
        [(t["code"], t["name"]) for t in tags],
    )


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    permissions.require_browse(request.user)
    grids, tags = _search_choices(request.user)
    form = PersonSearchForm(request.GET or None, grid_choices=grids, tag_choices=tags)
    page = None
    if form.is_bound and not form.is_valid():
        rows_error = True
    else:
        rows_error = False
        data = form.cleaned_data if form.is_bound else {}
        query = selectors.SearchQuery(
            q=data.get("q") or "",
            grid=data.get("grid"),
            tag=data.get("tag") or "",
            age_min=data.get("age_min"),
            age_max=data.get("age_max"),
            conflicts=bool(data.get("conflicts")),
        )
        page = selectors.person_list_page(
            user=request.user,
            query=query,
            after_key=data.get("k") if data.get("i") is not None else None,
            after_id=data.get("i"),
        )
    params = request.GET.copy()
    params.pop("k", None)
    params.pop("i", None)
    context = {
        "form": form,
        "page": page,
        "rows_error": rows_error,
        "base_query": params.urlencode(),
        "is_paged": bool(request.GET.get("i")),
        "may_change": may(request.user, "change"),
        "detail_prefix": reverse("registry:person_list") + "people/",
    }
    if request.htmx and not request.htmx.boosted:
        return render(request, "registry/_person_results.html", context)
    return render(request, "registry/person_list.html", context)


@login_required
def person_detail(request: HttpRequest, pid: str) -> HttpResponse:
    permissions.require_browse(request.user)
    detail = selectors.person_detail(user=request.user, pid=pid)
    person = detail.person
    may_change = permissions.may_act_on_visible(request.user, person, "change")
    may_reveal = permissions.may_act_on_visible(request.user, person, "reveal")
    return render(
        request,
        "registry/person_detail.html",
        {
            "d": detail,
            "person": person,
            "may_change": may_change,
            "may_reveal": may_reveal,
            "masked_id": mask_id_number(person.id_number),
            "masked_phone": mask_phone(person.phone),
            "resolve_form": ResolveForm(),
            "confirmable": {f.pk for f in detail.unvalidated if services.may_confirm_as_written(f.attribute)},
            "reveal_form": RevealForm(),
        },
    )


@login_required
@require_POST
def person_reveal(request: HttpRequest, pid: str) -> HttpResponse:
    person = selectors.person_get(user=request.user, pid=pid)
    form = RevealForm(request.POST)
    context = {"person": person, "field": request.POST.get("field", "id_number"), "form": form}
    if not form.is_valid():
        return render(request, "registry/_reveal.html", context, status=400)
    try:
        value = services.person_reveal(
            actor=request.user,
            person=person,
            field=form.cleaned_data["field"],
            purpose=form.cleaned_data["purpose"],
        )
    except services.RegistryError as exc:
        form.add_error(None, str(exc))
        return render(request, "registry/_reveal.html", context, status=400)
    context["value"] = value
    if not request.htmx:
        messages.info(request, _("明文：%(value)s（已记入审计日志）") % {"value": value})
        return redirect("registry:person_detail", pid=pid)
    return render(request, "registry/_reveal.html", context)


def _changeable(request: HttpRequest, pid: str) -> Person:
    return get_object_or_404(
        Person.objects.restrict(request.user, "change").select_related("community"), pid=pid
    )


@login_required
def person_edit(request: HttpRequest, pid: str) -> HttpResponse:
    _need(request.user, "change")
    person = _changeable(request, pid)
    attributes = list(Attribute.objects.select_related("tag").order_by("sort", "code"))
    form = PersonValuesForm(request.POST or None, attributes=attributes, values=person.values)
    if request.method == "POST" and form.is_valid():
        changed = form.changed_values()
        if not changed:
            form.add_error(None, _("没有修改任何值。"))
        else:
            try:
                services.person_record_facts(
                    actor=request.user,
                    person=person,
                    values=changed,
                    source=services.community_source(),
                    note=form.cleaned_data.get("note") or "",
                )
            except services.RegistryError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("已记录%(n)d项核实信息。") % {"n": len(changed)})
                return redirect("registry:person_detail", pid=pid)
    groups = _group_fields(form, attributes)
    return render(
        request,
        "registry/person_edit.html",
        {"person": person, "form": form, "groups": groups},
        status=400 if form.errors else 200,
    )


def _group_fields(form, attributes):
    from jianfu.registry.selectors import ADDRESS_CODES, BASIC_CODES

    by_code = {a.code: a for a in attributes}
    groups = [
        (_("基本信息"), [c for c in BASIC_CODES if c in by_code]),
        (_("住址与户"), [c for c in ADDRESS_CODES if c in by_code]),
    ]
    used = {c for _g, codes in groups for c in codes}
    for a in attributes:
        if a.type == AttributeType.TAG:
            codes = [a.code] + [f.code for f in attributes if f.tag_id == a.pk]
            groups.append((a.name, codes))
            used |= set(codes)
    groups.append((_("其他"), [a.code for a in attributes if a.code not in used]))
    return [(title, [form[f"a_{c}"] for c in codes if f"a_{c}" in form.fields]) for title, codes in groups]


@login_required
def person_add(request: HttpRequest) -> HttpResponse:
    _need(request.user, "change")
    communities = list(communities_for(request.user, "change"))
    grids = (
        Grid.objects.filter(community__in=communities)
        .select_related("community")
        .order_by("community__code", "code")
    )
    form = PersonAddForm(request.POST or None, communities=communities, grids=grids)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        community = next(c for c in communities if c.pk == data["community"])
        grid = grids.filter(pk=data["grid"], community=community).first() if data.get("grid") else None
        if data.get("grid") and grid is None:
            form.add_error("grid", _("该网格不属于所选社区。"))
        else:
            values = {
                k: data[k]
                for k in ("name", "id_number", "phone", "gender", "birth_date", "address")
                if data.get(k)
            }
            if grid:
                values["grid"] = grid.name
            try:
                person = services.person_create(
                    actor=request.user,
                    community=community,
                    values=values,
                    source=services.community_source(),
                    grid=grid,
                )
            except services.RegistryError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("已新建居民%(name)s。") % {"name": person.name})
                return redirect("registry:person_detail", pid=person.pid)
    return render(request, "registry/person_add.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def person_resolve(request: HttpRequest, pid: str) -> HttpResponse:
    _need(request.user, "change")
    person = _changeable(request, pid)
    form = ResolveForm(request.POST)
    if form.is_valid():
        try:
            services.person_resolve_conflict(
                actor=request.user,
                person=person,
                attribute_code=form.cleaned_data["attribute"],
                value=form.cleaned_data["value"],
                reason=form.cleaned_data["reason"],
            )
        except services.RegistryError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("冲突已解决，核实值已记录。"))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("registry:person_detail", pid=pid)


def _refuse_unless_steward(request: HttpRequest, to: str) -> HttpResponse | None:
    """A change of the dictionary or of sources by anyone but the district roles: say why, change nothing."""
    if may_change_dictionary(request.user):
        return None
    messages.error(
        request,
        _("只有区管理员和区减负办可以修改数据字典、标签和数据来源；如需调整，请联系区减负办。"),
    )
    response = redirect(to)
    response.status_code = 303
    return response


@login_required
@require_POST
def person_settle(request: HttpRequest, pid: str, fact_id: int) -> HttpResponse:
    """Confirm or correct a value that failed validation."""
    _need(request.user, "change")
    person = _changeable(request, pid)
    fact = get_object_or_404(person.facts.filter(validated=False), pk=fact_id)
    form = SettleForm(request.POST)
    if form.is_valid():
        correcting = form.cleaned_data["how"] == "correct"
        try:
            services.fact_settle(
                actor=request.user,
                fact=fact,
                reason=form.cleaned_data["reason"],
                value=form.cleaned_data["value"] if correcting else None,
            )
        except services.RegistryError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("已更正，新值已记录。") if correcting else _("已按原样确认。"))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("registry:person_detail", pid=pid)


@login_required
def attribute_list(request: HttpRequest) -> HttpResponse:
    _need(request.user, "view")
    may_manage = may_change_dictionary(request.user)
    posted_tag = request.method == "POST" and "tag_name" in request.POST
    form = AttributeForm(request.POST if request.method == "POST" and not posted_tag else None, tags=_tags())
    tag_form = TagForm(request.POST if posted_tag else None)
    if request.method == "POST":
        if refused := _refuse_unless_steward(request, "registry:attribute_list"):
            return refused
        if posted_tag:
            if tag_form.is_valid():
                data = tag_form.cleaned_data
                try:
                    new_tag = tag_create(
                        actor=request.user,
                        name=data["tag_name"],
                        fields=tag_form.field_specs(),
                        synonyms=data["tag_synonyms"],
                        sensitivity=data["tag_sensitivity"],
                    )
                except services.RegistryError as exc:
                    tag_form.add_error(None, str(exc))
                else:
                    messages.success(request, _("已新增标签%(name)s。") % {"name": new_tag.name})
                    return redirect("registry:attribute_list")
        elif form.is_valid():
            data = form.cleaned_data
            tag = (
                Attribute.objects.filter(code=data["tag"], type=AttributeType.TAG).first()
                if data["tag"]
                else None
            )
            try:
                attribute = services.attribute_create(
                    actor=request.user,
                    code=data["code"],
                    name=data["name"],
                    type=data["type"],
                    synonyms=data["synonyms"],
                    sensitivity=data["sensitivity"],
                    tag=tag,
                    choices=data["choices"],
                )
            except services.RegistryError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("已新增属性%(name)s。") % {"name": attribute.name})
                return redirect("registry:attribute_list")
    return render(
        request,
        "registry/attribute_list.html",
        {
            "attributes": selectors.attribute_list(),
            "form": form,
            "may_manage": may_manage,
            "synonym_form": SynonymForm(),
            "tag_form": tag_form,
        },
        status=400 if form.errors or tag_form.errors else 200,
    )


@login_required
@require_POST
def attribute_synonyms(request: HttpRequest, code: str) -> HttpResponse:
    _need(request.user, "view")
    if refused := _refuse_unless_steward(request, "registry:attribute_list"):
        return refused
    attribute = get_object_or_404(Attribute, code=code)
    form = SynonymForm(request.POST)
    if form.is_valid():
        try:
            services.attribute_add_synonyms(
                actor=request.user, attribute=attribute, synonyms=form.cleaned_data["synonyms"]
            )
        except services.RegistryError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("已为%(name)s增加同义词。") % {"name": attribute.name})
    else:
        messages.error(request, _("请填写新同义词。"))
    return redirect("registry:attribute_list")


@login_required
def source_list(request: HttpRequest) -> HttpResponse:
    _need(request.user, "view")
    return render(
        request,
        "registry/source_list.html",
        {
            "sources": selectors.source_list(),
            "may_manage": may_change_dictionary(request.user),
            "rule_fields": list(selectors.source_rule_fields())
            if may_change_dictionary(request.user)
            else [],
            "tags": list(_tags()),
            "departments": _departments(request.user),
        },
    )


def _departments(user):
    from jianfu.orgs.models import Department

    district_id = getattr(user, "district_id", None)
    departments = Department.objects.order_by("name")
    return list(departments.filter(district_id=district_id) if district_id else departments)


@login_required
@require_POST
def source_settings(request: HttpRequest, pk: int) -> HttpResponse:
    _need(request.user, "view")
    if refused := _refuse_unless_steward(request, "registry:source_list"):
        return refused
    source = get_object_or_404(Source, pk=pk)
    form = SourceSettingsForm(request.POST, tags=_tags(), departments=_departments(request.user))
    if not form.is_valid():
        messages.error(request, _("默认标签或报送部门选择无效。"))
        return redirect("registry:source_list")
    data = form.cleaned_data
    tag = Attribute.objects.filter(code=data["default_tag"], type=AttributeType.TAG).first()
    department = next((d for d in _departments(request.user) if d.pk == data["department"]), None)
    source_set_default_tag(actor=request.user, source=source, tag=tag)
    source_set_department(actor=request.user, source=source, department=department)
    messages.success(request, _("已更新%(name)s的默认标签和报送部门。") % {"name": source.name})
    return redirect("registry:source_list")


@login_required
@require_POST
def source_priority(request: HttpRequest, pk: int) -> HttpResponse:
    _need(request.user, "view")
    if refused := _refuse_unless_steward(request, "registry:source_list"):
        return refused
    source = get_object_or_404(Source, pk=pk)
    form = PriorityForm(request.POST)
    if form.is_valid():
        try:
            services.source_set_priority(
                actor=request.user, source=source, priority=form.cleaned_data["priority"]
            )
        except services.RegistryError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("已更新%(name)s的优先级；相关居民的当前值将在后台重新计算。") % {"name": source.name},
            )
    else:
        messages.error(request, _("优先级应为0–10000的整数。"))
    return redirect("registry:source_list")


@login_required
@require_POST
def source_rules(request: HttpRequest, pk: int) -> HttpResponse:
    _need(request.user, "view")
    if refused := _refuse_unless_steward(request, "registry:source_list"):
        return refused
    source = get_object_or_404(Source, pk=pk)
    form = SourceRulesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请从列表中选择字段。"))
        return redirect("registry:source_list")
    try:
        services.source_set_rules(
            actor=request.user,
            source=source,
            is_base_register=form.cleaned_data["is_base_register"],
            own_fields=list(form.cleaned_data["own_fields"]),
        )
    except services.RegistryError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("已更新%(name)s的取值规则；相关居民的当前值将重新计算。") % {"name": source.name}
        )
    return redirect("registry:source_list")


@login_required
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require_browse(request.user)
    household = selectors.household_get(user=request.user, pk=pk)
    members = (
        Person.objects.restrict(request.user, "view")
        .filter(household=household)
        .order_by(selectors.relation_order(), "birth_date")
    )
    return render(request, "registry/household_detail.html", {"household": household, "members": members})


@login_required
def place_detail(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require_browse(request.user)
    place = selectors.place_get(user=request.user, pk=pk)
    residents = Person.objects.restrict(request.user, "view").filter(place=place).select_related("household")
    households = place.households.all()
    return render(
        request,
        "registry/place_detail.html",
        {"place": place, "residents": residents, "households": households},
    )
